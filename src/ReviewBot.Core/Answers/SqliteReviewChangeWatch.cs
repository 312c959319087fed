using Microsoft.Data.Sqlite;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.Answers;

/// <summary>
/// SQLite's side of <see cref="IReviewChangeWatch"/>, asked on every /review and /episode, on a
/// connection of its own that only reads. First <c>PRAGMA data_version</c>, which changes when any other
/// connection (in this process or another) has committed since it was last read: unchanged means
/// nothing changed at all. When it moved, the <c>review_version_generation</c> row
/// (migrations/0009_review_version_generation.sql), which triggers move on every change to a review's
/// version columns or its ratings: unchanged means the commit was something else (most are: the
/// channels' show context), and the kept versions still hold; moved, and all are dropped.
/// </summary>
/// <remarks>
/// <para>
/// One look vouches for <see cref="LookedAtFor"/>: the asks within it take the versions kept as they
/// are, without a statement. A change another process commits (the CLI's import into a running bot's
/// file, an edit by hand) shows in answers within that time, as one on PostgreSQL shows once its
/// notification arrives; this process's own writes drop what they change at once, in the
/// <see cref="ReviewVersionCache"/> itself, and need no look. Looking on every ask cost an answer
/// asked before more than the rest of finding it.
/// </para>
/// <para>
/// Both statements are prepared once on the connection's own handle and re-run through SQLite's C
/// interface: the check allocates nothing, where a command's reader would allocate on every answer.
/// Each is reset right after its row is read, so the connection never keeps a read snapshot open
/// (which would hold back checkpoints, and hide later commits from it).
/// </para>
/// </remarks>
public sealed class SqliteReviewChangeWatch(ReviewDatabase connections, ReviewVersionCache cache, TimeProvider time) : IReviewChangeWatch, IAsyncDisposable, IDisposable
{
    /// <summary>How long one look at the file vouches for the versions kept, against commits by other processes.</summary>
    public static readonly TimeSpan LookedAtFor = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection; // only touched while holding _gate
    private sqlite3_stmt? _dataVersion;
    private sqlite3_stmt? _generation;
    private long _lastDataVersion = -1;
    private long _lastGeneration = -1;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> until which the last look vouches; 0 when none does.</summary>
    private long _vouchedUntil;

    public ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken) =>
        time.GetTimestamp() < Volatile.Read(ref _vouchedUntil) ? ValueTask.FromResult(true) : LookAsync(cancellationToken);

    private async ValueTask<bool> LookAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                await OpenAsync(cancellationToken);
            }

            // From before the look: what is committed after this is looked for once the window ends.
            var lookedAt = time.GetTimestamp();
            var dataVersion = ReadOne(_dataVersion!);
            if (dataVersion != _lastDataVersion)
            {
                // Read after data_version: it is at least as new, so a change committed in between is
                // either seen here or moves data_version again for the next look.
                var generation = ReadOne(_generation!);
                _lastDataVersion = dataVersion;
                if (generation != _lastGeneration)
                {
                    _lastGeneration = generation;
                    cache.Clear();
                }
            }

            Volatile.Write(ref _vouchedUntil, lookedAt + (long)(LookedAtFor.TotalSeconds * time.TimestampFrequency));
            return true;
        }
        catch (SqliteException)
        {
            // A database not migrated yet, or a broken connection: vouch for nothing, and start over next time.
            cache.Clear();
            Drop();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WatchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Drop();
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
            Drop();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await connections.OpenAsync(cancellationToken);
        try
        {
            _dataVersion = SqliteStatements.Prepare(connection, "PRAGMA data_version");
            _generation = SqliteStatements.Prepare(connection, "SELECT generation FROM review_version_generation WHERE id = 1");
            _connection = connection;
            (_lastDataVersion, _lastGeneration) = (-1, -1);
        }
        catch
        {
            _dataVersion?.Dispose();
            _generation?.Dispose();
            (_dataVersion, _generation) = (null, null);
            await connection.DisposeAsync();
            throw;
        }
    }

    private long ReadOne(sqlite3_stmt statement) =>
        SqliteStatements.ReadInt64(_connection!, statement)
        ?? throw new SqliteException("review_version_generation has no row; the database needs migrations/0009_review_version_generation.sql.", raw.SQLITE_ERROR);

    /// <summary>Finalises the statements before the connection goes back to its pool (call holding _gate).</summary>
    private void Drop()
    {
        Volatile.Write(ref _vouchedUntil, 0);
        _dataVersion?.Dispose();
        _generation?.Dispose();
        _connection?.Dispose();
        (_dataVersion, _generation, _connection) = (null, null, null);
    }
}
