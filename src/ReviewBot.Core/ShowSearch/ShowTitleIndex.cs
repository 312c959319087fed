using System.Data.Common;
using Microsoft.Data.Sqlite;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The current <see cref="ShowIndex"/> for autocomplete and show lookups (Discord wants autocomplete
/// answers within 3 seconds, and every keystroke asks). Built once per change of the shows table:
/// in-process imports call <see cref="Invalidate"/> after their commit, so their shows are seen at
/// once; shows another process adds (the import verb writing while the bot runs) are seen by the
/// next call that checks (<see cref="GetAsync"/>: every autocomplete, and every lookup that does not
/// find its show in the snapshot held, see <see cref="Current"/>), through a cheap check on a kept connection: <see cref="ReviewDatabase.ChangeMarkerSql"/>
/// (SQLite's <c>PRAGMA data_version</c> changes when any other connection commits), then, only when it moved, <c>MAX(id)</c> of the shows (a seek on
/// the primary key). The app only ever inserts shows (ids grow; it never deletes or renames one), so
/// that changes exactly when the set does. <c>COUNT(*)</c> would also catch a deletion made by hand,
/// but it walks the whole slug index, which grows with the shows, and data_version moves on nearly
/// every interaction because /review and /episode write the channel's context. On PostgreSQL that
/// check is a round trip, so while a listener is told of every change to the shows
/// (<see cref="ChangesAreTold"/>) it is made only after one.
/// </summary>
/// <remarks>
/// The snapshot is immutable and swapped whole, so readers never lock. One caller at a time checks
/// or rebuilds; while one does, the others keep answering from the current snapshot rather than
/// queueing, unless there is none yet or it was invalidated by an import in this process.
/// On SQLite both checks are statements prepared once on the kept connection's own handle and re-run
/// through SQLite's C interface, as the answers' change watch does: a command's reader would
/// allocate on every /review and /episode, which all ask for the index.
/// </remarks>
public sealed class ShowTitleIndex(ShowStore shows, ReviewDatabase connections) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;
    private DbConnection? _watch;   // only touched while holding _gate
    private DbCommand? _dataVersion; // kept with _watch: a command re-run reuses its prepared statement
    private DbCommand? _maxShowId;
    private sqlite3_stmt? _sqliteDataVersion; // on SQLite, in place of the commands
    private sqlite3_stmt? _sqliteMaxShowId;
    private long _lastDataVersion = -1; // only touched while holding _gate
    private volatile bool _told;
    private long _tellings;
    private long _checkedAtTelling = -1; // only touched while holding _gate
    private long _checks;

    /// <summary>Whether a snapshot is held: false until the first <see cref="GetAsync"/> builds one, and again after <see cref="Invalidate"/>.</summary>
    public bool IsBuilt => _snapshot is not null;

    /// <summary>
    /// The snapshot held now, not checked against the database; null when none is. Shows are only
    /// ever added (never renamed or removed) and a name or id finds the earliest show that has it, so
    /// a show found here is the one a fresh snapshot would give: a lookup that finds its show needs
    /// no check, and only a miss may mean the snapshot is behind (ask <see cref="GetAsync"/> then).
    /// </summary>
    public ShowIndex? Current => _snapshot?.Index;

    /// <summary>
    /// The show <paramref name="find"/> finds in the snapshot held (<see cref="Current"/>), with no
    /// check; only when it finds none, in the snapshot checked against the database (<see cref="GetAsync"/>).
    /// </summary>
    public ValueTask<ShowRecord?> FindAsync<TKey>(TKey key, Func<ShowIndex, TKey, ShowRecord?> find, CancellationToken cancellationToken) =>
        Current is { } held && find(held, key) is { } found
            ? ValueTask.FromResult<ShowRecord?>(found)
            : FindCheckedAsync(key, find, cancellationToken);

    /// <summary>Drops the snapshot: the next call rebuilds it. Call after committing a new show.</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>
    /// Set by a listener that is told of every change to the shows table, whoever makes it
    /// (PostgreSQL's notifications, which the answers' change watch listens to), for as long as it
    /// listens: the snapshot is then used without the database check until <see cref="ShowsChanged"/>.
    /// </summary>
    public void ChangesAreTold(bool told)
    {
        _told = told;
        ShowsChanged();
    }

    /// <summary>How many times the database was checked for changes to the shows.</summary>
    internal long Checks => Interlocked.Read(ref _checks);

    /// <summary>The shows may have changed: the next call checks the database again.</summary>
    public void ShowsChanged() => Interlocked.Increment(ref _tellings);

    /// <summary>The current snapshot, checked against the database first (see the class); a ValueTask, as it is mostly at hand.</summary>
    public async ValueTask<ShowIndex> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && _told && Interlocked.Read(ref _tellings) == Volatile.Read(ref _checkedAtTelling))
        {
            return snapshot.Index;
        }

        if (snapshot is not null)
        {
            // Someone is checking or rebuilding already: the current snapshot is as fresh as the
            // moment the check started, which is good enough for this call.
            if (!await _gate.WaitAsync(0, cancellationToken))
            {
                return snapshot.Index;
            }
        }
        else
        {
            await _gate.WaitAsync(cancellationToken);
        }

        try
        {
            return await RefreshAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_watch is not null)
            {
                DropStatements();
                await _watch.DisposeAsync();
                _watch = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            DropStatements();
            _watch?.Dispose();
            _watch = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<ShowRecord?> FindCheckedAsync<TKey>(TKey key, Func<ShowIndex, TKey, ShowRecord?> find, CancellationToken cancellationToken) =>
        find(await GetAsync(cancellationToken), key);

    private async ValueTask<ShowIndex> RefreshAsync(CancellationToken cancellationToken)
    {
        // Read before the check: a change told during it moves _tellings again, so the next call checks.
        var telling = Interlocked.Read(ref _tellings);
        Interlocked.Increment(ref _checks);
        var index = await CheckAsync(cancellationToken);
        Volatile.Write(ref _checkedAtTelling, telling);
        return index;
    }

    private async ValueTask<ShowIndex> CheckAsync(CancellationToken cancellationToken)
    {
        var kept = _watch is not null;
        try
        {
            return await CheckOnWatchAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The kept connection is the index's own, not the database: once it failed (the server ended
            // its session on a restart or a terminated backend, the network broke) every later check on it
            // would fail too, so it goes, and the next check opens another.
            await DropWatchAsync();
            if (!kept || cancellationToken.IsCancellationRequested)
            {
                throw;
            }
        }

        // It was kept from an earlier check and may have died long before this one: the database itself
        // gets one try on a new connection before the lookup fails.
        return await CheckOnWatchAsync(cancellationToken);
    }

    private async ValueTask<ShowIndex> CheckOnWatchAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var version = await DataVersionAsync(cancellationToken);
        if (snapshot is not null && version == _lastDataVersion)
        {
            return snapshot.Index;
        }

        var maxId = await MaxShowIdAsync(cancellationToken);
        _lastDataVersion = version;
        if (snapshot is not null && maxId == snapshot.MaxId)
        {
            return snapshot.Index;
        }

        // Read MAX(id) first: a show added after it is then either loaded now or seen next time.
        snapshot = new Snapshot(await BuildAsync(cancellationToken), maxId);
        _snapshot = snapshot;
        ReturnBuildMemory();
        return snapshot.Index;
    }

    /// <summary>A method of its own so that the loaded list is garbage once the index is built.</summary>
    private async Task<ShowIndex> BuildAsync(CancellationToken cancellationToken) =>
        ShowIndex.Build(await shows.GetAllAsync(cancellationToken));

    /// <summary>
    /// Building the index allocates several times what it keeps (every title loaded, tokenised, sorted
    /// and copied into arrays), and any old snapshot has just been let go. Left alone, that garbage
    /// stays committed in the older generations until the heap grows enough to collect them again,
    /// which a bot at rest may never do. Builds are rare (the first lookup, and after shows are added),
    /// so one compacting collection that also gives the freed memory back to the system is paid rarely
    /// (README, Performance, "Lean native": what a bot at rest keeps without it).
    /// </summary>
    private static void ReturnBuildMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private const string MaxShowIdSql = "SELECT COALESCE(MAX(id), 0) FROM shows";

    private async ValueTask<long> DataVersionAsync(CancellationToken cancellationToken)
    {
        if (_watch is null)
        {
            var watch = await connections.OpenAsync(cancellationToken);
            if (watch is SqliteConnection sqlite)
            {
                try
                {
                    _sqliteDataVersion = SqliteStatements.Prepare(sqlite, connections.ChangeMarkerSql);
                    _sqliteMaxShowId = SqliteStatements.Prepare(sqlite, MaxShowIdSql);
                }
                catch
                {
                    DropStatements();
                    await watch.DisposeAsync();
                    throw;
                }
            }
            else
            {
                _dataVersion = watch.CreateCommand();
                _dataVersion.CommandText = connections.ChangeMarkerSql;
                _maxShowId = watch.CreateCommand();
                _maxShowId.CommandText = MaxShowIdSql;
            }

            _watch = watch;
        }

        return _sqliteDataVersion is { } statement
            ? ReadOne(statement)
            : Convert.ToInt64(await _dataVersion!.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async ValueTask<long> MaxShowIdAsync(CancellationToken cancellationToken) =>
        _sqliteMaxShowId is { } statement
            ? ReadOne(statement)
            : Convert.ToInt64(await _maxShowId!.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The one value of a one-row statement (both checks always have their row).</summary>
    private long ReadOne(sqlite3_stmt statement) =>
        SqliteStatements.ReadInt64((SqliteConnection)_watch!, statement)
        ?? throw new SqliteException("A freshness check of the show index returned no row.", raw.SQLITE_ERROR);

    /// <summary>Lets go of the kept connection (call holding _gate); the next check opens another.</summary>
    private async ValueTask DropWatchAsync()
    {
        DropStatements();
        if (_watch is { } watch)
        {
            _watch = null;
            await watch.DisposeAsync();
        }

        // SQLite's data_version counts per connection: a value read on the next one says nothing about this one's.
        _lastDataVersion = -1;
    }

    /// <summary>Finalises the statements before the connection goes back to its pool (call holding _gate).</summary>
    private void DropStatements()
    {
        _sqliteDataVersion?.Dispose();
        _sqliteMaxShowId?.Dispose();
        _dataVersion?.Dispose();
        _maxShowId?.Dispose();
        (_sqliteDataVersion, _sqliteMaxShowId, _dataVersion, _maxShowId) = (null, null, null, null);
    }

    private sealed record Snapshot(ShowIndex Index, long MaxId);
}
