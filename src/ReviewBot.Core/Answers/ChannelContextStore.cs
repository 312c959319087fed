using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Storage;
using ReviewBot.Shared;
using SQLitePCL;

namespace ReviewBot.Core.Answers;

/// <summary>
/// The show last asked about per channel, so "/episode 9" after "/review metallic-rouge" means
/// Metallic Rouge. Kept in the database so it survives restarts and works across shards.
/// </summary>
/// <remarks>
/// <para>
/// Written behind: <see cref="SetAsync"/> updates this process's view at once and the database
/// within <see cref="WriteBehind"/>, many channels in one transaction. A commit per command was
/// the largest part of /review's and /episode's own time (the write itself, and every other
/// connection's page cache dropped because the database changed), and the context is a hint,
/// not a record: a crash loses at most the last quarter-second of "which show was this channel on".
/// Disposing the store (the host and the CLI do, on the way out) writes what is pending. A write that
/// fails keeps its changes and is tried again later and later (up to <see cref="MaxRetryDelay"/>).
/// </para>
/// <para>
/// This process's view is authoritative for the channels it has seen: a Discord channel belongs to
/// one guild, served by one shard and so by one process; the CLI uses its own key. Asking about the
/// same show again changes nothing and writes nothing, so <c>updated_at</c> is when the channel
/// last moved to its show.
/// </para>
/// </remarks>
public sealed class ChannelContextStore(ReviewDatabase connections, TimeProvider time, ILogger<ChannelContextStore> logger)
    : IAsyncDisposable, IDisposable
{
    /// <summary>How long a change waits so that others can share its transaction.</summary>
    public static readonly TimeSpan WriteBehind = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest wait before trying again while writes keep failing (a read-only or full disk, the
    /// database gone): from twice <see cref="WriteBehind"/>, doubling, up to this, so a fault that lasts
    /// is a warning a minute, not four a second.
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private static readonly ExponentialBackoff Retry = new(WriteBehind * 2, MaxRetryDelay);

    /// <summary>
    /// Channels remembered in memory at most; past it, the ones already written are forgotten (the
    /// database still has them). Bounds memory for a bot in thousands of servers.
    /// </summary>
    internal const int MaxRemembered = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _known = new(StringComparer.Ordinal);   // what the database holds or will hold
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);       // changes not written yet
    private Dictionary<string, Pending> _spare = new(StringComparer.Ordinal);         // the last batch, emptied: the next one collects in it
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _writing = new(1, 1); // batches are written in the order they were taken
    private Task? _scheduled;
    private int _failures; // writes failed in a row, under _lock
    private bool _disposed;

    public Task SetAsync(string channelKey, long showId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_known.TryGetValue(channelKey, out var current) && current == showId)
            {
                return Task.CompletedTask;
            }

            if (_known.Count >= MaxRemembered)
            {
                ForgetWritten();
            }

            _known[channelKey] = showId;
            _pending[channelKey] = new Pending(showId, time.GetUtcNow());
            _scheduled ??= WriteLaterAsync(WriteBehind);
        }

        return Task.CompletedTask;
    }

    public async Task<long?> GetShowIdAsync(string channelKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_known.TryGetValue(channelKey, out var known))
            {
                return known;
            }
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long?>(
            "SELECT show_id FROM channel_context WHERE channel_key = @channelKey",
            new { channelKey, cancellationToken });
        if (stored is { } id)
        {
            lock (_lock)
            {
                // A SetAsync that raced this read is newer than what was read.
                _known.TryAdd(channelKey, id);
                return _known[channelKey];
            }
        }

        return null;
    }

    /// <summary>Writes every pending change now (also what dispose does).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        Dictionary<string, Pending> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                _writing.Release();
                return;
            }

            // The two dictionaries take turns, so one is not grown anew from empty for every write.
            batch = _pending;
            _pending = _spare;
        }

        try
        {
            await WriteAsync(batch, cancellationToken);
            int failedBefore;
            lock (_lock)
            {
                failedBefore = _failures;
                _failures = 0;
            }

            if (failedBefore > 0)
            {
                logger.LogInformation("Saved the show context of {ChannelCount} channel(s) after {Failures} failed write(s)", batch.Count, failedBefore);
            }
        }
        catch (Exception exception)
        {
            // Keep what was not superseded meanwhile for the next write; the answers never waited on it.
            TimeSpan retryIn;
            lock (_lock)
            {
                foreach (var (key, change) in batch)
                {
                    _pending.TryAdd(key, change);
                }

                retryIn = Retry.Delay(++_failures);
                if (!_disposed)
                {
                    _scheduled ??= WriteLaterAsync(retryIn);
                }
            }

            if (exception is not OperationCanceledException)
            {
                // One line (a read-only or locked database is an operator's matter, not a crash);
                // the details at debug level.
                logger.LogWarning(
                    "Could not save the show context of {ChannelCount} channel(s); trying again in {RetryDelay}: {Reason}", batch.Count, retryIn, exception.Message);
                logger.LogDebug(exception, "Saving the show context failed");
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }
        }
        finally
        {
            Empty(batch);
            lock (_lock)
            {
                _spare = batch;
            }

            _writing.Release();
        }
    }

    /// <summary>Empties a written batch to collect the next one; one that grew large (many channels at once) is shrunk first, so a burst is not held for good.</summary>
    private static void Empty(Dictionary<string, Pending> batch)
    {
        var large = batch.Count > SpareCapacity;
        batch.Clear();
        if (large)
        {
            batch.TrimExcess(SpareCapacity);
        }
    }

    /// <summary>The most channels the spare batch keeps room for between writes.</summary>
    private const int SpareCapacity = 256;

    public async ValueTask DisposeAsync()
    {
        if (!StopScheduling(out var scheduled))
        {
            return;
        }

        await _stopping.CancelAsync();
        if (scheduled is not null)
        {
            await scheduled;
        }

        await FlushAsync(CancellationToken.None);
        _stopping.Dispose();
        _writing.Dispose();
    }

    /// <summary>
    /// A synchronous dispose (the host's <c>using</c>) must not lose the last changes either. SQLite's
    /// async calls complete synchronously, so waiting here blocks only for the write itself.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>How many channels are remembered in memory now.</summary>
    internal int RememberedCount
    {
        get { lock (_lock) { return _known.Count; } }
    }

    /// <summary>Drops every remembered channel whose show is already in the database (call holding _lock).</summary>
    private void ForgetWritten()
    {
        foreach (var key in _known.Keys.Where(k => !_pending.ContainsKey(k)).ToList())
        {
            _known.Remove(key);
        }
    }

    private bool StopScheduling(out Task? scheduled)
    {
        lock (_lock)
        {
            scheduled = _scheduled;
            if (_disposed)
            {
                return false;
            }

            _disposed = true;
            return true;
        }
    }

    private async Task WriteLaterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Disposing: it writes what is pending itself.
            return;
        }
        finally
        {
            lock (_lock)
            {
                _scheduled = null;
            }
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task WriteAsync(Dictionary<string, Pending> batch, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);

        // A hint is not worth waiting for: when another process holds SQLite's write lock (a long
        // import), give up within a second and try again later (or, on the way out, let it go)
        // instead of holding up a CLI run's exit for the full busy timeout and retries.
        if (connection is SqliteConnection sqlite)
        {
            sqlite.DefaultTimeout = 1;
            await using var pragma = sqlite.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 100;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        if (connection is SqliteConnection sqliteConnection)
        {
            WriteRows(sqliteConnection, batch);
        }
        else
        {
            foreach (var (channelKey, change) in batch)
            {
                await connection.ExecuteAsync(
                    UpsertSql, new { channelKey, showId = change.ShowId, now = DbTime.Format(change.At), cancellationToken }, transaction);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: the upsert prepared once for the batch and run per row through SQLite's C interface, in
    /// the transaction the connection is in, with the key and the time written as UTF-8 on the stack:
    /// a command per row made a reader, parameters and strings for every channel that moved.
    /// </summary>
    private static void WriteRows(SqliteConnection connection, Dictionary<string, Pending> batch)
    {
        using var statement = SqliteStatements.Prepare(connection, UpsertSqlite);
        Span<byte> at = stackalloc byte[DbTime.Utf8Length];
        Span<byte> keyBuffer = stackalloc byte[128];
        foreach (var (channelKey, change) in batch)
        {
            // Keys are short ("discord:" and a snowflake); a longer one gets an array of its own.
            ReadOnlySpan<byte> key = Encoding.UTF8.GetMaxByteCount(channelKey.Length) <= keyBuffer.Length
                ? keyBuffer[..Encoding.UTF8.GetBytes(channelKey, keyBuffer)]
                : Encoding.UTF8.GetBytes(channelKey);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 1, key), connection);
            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 2, change.ShowId), connection);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 3, at[..DbTime.FormatUtf8(change.At, at)]), connection);
            var rc = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
        }
    }

    private const string UpsertSql =
        """
        INSERT INTO channel_context (channel_key, show_id, updated_at) VALUES (@channelKey, @showId, @now)
        ON CONFLICT (channel_key) DO UPDATE SET show_id = excluded.show_id, updated_at = excluded.updated_at
        WHERE channel_context.show_id <> excluded.show_id
        """;

    /// <summary>The same upsert for SQLite's own interface, which numbers its parameters.</summary>
    private static readonly string UpsertSqlite = UpsertSql
        .Replace("@channelKey", "?1", StringComparison.Ordinal)
        .Replace("@showId", "?2", StringComparison.Ordinal)
        .Replace("@now", "?3", StringComparison.Ordinal);

    private readonly record struct Pending(long ShowId, DateTimeOffset At);
}
