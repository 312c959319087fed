using Microsoft.Extensions.Logging;
using Npgsql;

namespace ReviewBot.Core.Storage;

/// <summary>Work that must run in one process at a time, whatever the number of processes on the database.</summary>
public enum Duty
{
    /// <summary>Draining the announcement outbox: one deliverer keeps per-channel order and one global rate budget.</summary>
    Delivery = 1,

    /// <summary>Polling the configured feeds.</summary>
    Feeds = 2,

    /// <summary>Watching the inbox folder.</summary>
    Inbox = 3,

    /// <summary>Drawing the charts of reviews stored without one.</summary>
    ChartBackfill = 4,

    /// <summary>Rendering and storing the answers of reviews stored without them, or by another build.</summary>
    AnswerBackfill = 5,
}

/// <summary>
/// Elects the one process that runs a <see cref="Duty"/>. On PostgreSQL a lease is a session-level
/// advisory lock held on a dedicated connection (not from the pool, so the session lives exactly as
/// long as the lease): when the holding process dies, its connection closes, the server ends the
/// session and the lock is free for the next process that asks. Between checks of its connection
/// (every <see cref="CheckInterval"/>) the holder waits on that connection, so a server that ends the
/// session tells it at once; it gives the duty up as soon as the connection fails, so it never goes on
/// working after the server may have handed the duty to someone else. On SQLite one
/// database belongs to one machine, and a lease is an exclusive lock on a file beside the database
/// (<see cref="SqliteLockFile"/>), which the kernel frees when the holding process ends: a second
/// process started on the same file waits for the duty instead of running it too. A database with no
/// file (in memory) is one process's own, so its lease is granted at once.
/// </summary>
public sealed class DutyLocks(ReviewDatabase database, TimeProvider time, ILogger<DutyLocks> logger)
{
    /// <summary>How often a waiting process asks again: the longest a duty stays unheld after its holder died.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>How often the holder makes sure its session (and so its lock) is still there.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Waits until this process holds <paramref name="duty"/>.</summary>
    public async Task<DutyLease> AcquireAsync(Duty duty, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            if (await TryAcquireAsync(duty, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (!waiting)
            {
                logger.LogInformation("Another process runs {Duty}; this one takes over if that one stops", duty);
                waiting = true;
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until no other process holds <paramref name="bucket"/> (an identify bucket of the gateway),
    /// then holds it for <paramref name="window"/> and lets go by itself. The lock lives on a connection
    /// of its own, so a process that dies inside its window frees the bucket early; nothing else does.
    /// On SQLite, where one process runs every Shard, it returns at once.
    /// </summary>
    public async Task TakeIdentifyTurnAsync(int bucket, TimeSpan window, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            return;
        }

        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Waits for as long as the processes ahead in this bucket take; the token bounds it.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@app, @key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("app", AdvisoryLockKeys.Application);
            command.Parameters.AddWithValue("key", AdvisoryLockKeys.IdentifyBucketBase + bucket);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _ = ReleaseAfterAsync(connection, window);
    }

    /// <summary>The lease when the duty was free, else null (another process holds it).</summary>
    public async Task<DutyLease?> TryAcquireAsync(Duty duty, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            return database.DatabaseFile is { } file ? TryLockFile(duty, SqliteLockFile(file, duty)) : DutyLease.Unshared(duty);
        }

        // No Npgsql keepalive: the lease's own check every CheckInterval is one, and a keepalive of about
        // that period would fall due inside the lease's wait on the connection just as the wait is cancelled.
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 0 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@app, @key)", connection);
            command.Parameters.AddWithValue("app", AdvisoryLockKeys.Application);
            command.Parameters.AddWithValue("key", AdvisoryLockKeys.DutyBase + (int)duty);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return DutyLease.Held(duty, connection, time, logger);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// The file whose lock is <paramref name="duty"/>'s lease on the SQLite database <paramref name="databaseFile"/>:
    /// <c>reviewbot.db.delivery.lock</c> beside <c>reviewbot.db</c>. Beside the file itself when the name is a
    /// link to it: a process that opens the database through a link in another folder must meet the same lock.
    /// </summary>
    public static string SqliteLockFile(string databaseFile, Duty duty)
    {
        var file = new FileInfo(databaseFile).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? databaseFile;
        return $"{file}.{duty.ToString().ToLowerInvariant()}.lock";
    }

    private static DutyLease? TryLockFile(Duty duty, string path)
    {
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux: one open of the file at a time holds
            // it, across processes and within one, and the kernel lets go when the holder's process ends,
            // however it ends. The file's contents are never used, so it is opened to read only: a lock
            // file left by a run as another user, which this one may read but not write, still works.
            return DutyLease.OfFile(duty, new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None, bufferSize: 1));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Held by another open of the file: another process (or host) runs the duty.
            return null;
        }
    }

    private async Task ReleaseAfterAsync(NpgsqlConnection connection, TimeSpan window)
    {
        try
        {
            await Task.Delay(window, time);
        }
        finally
        {
            // Ending the session releases the bucket's lock.
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A held duty. <see cref="Lost"/> is cancelled if the hold ends without <see cref="DisposeAsync"/>; dispose to hand it on.</summary>
public sealed class DutyLease : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _lockFile;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _released = new();
    private readonly Task _watching = Task.CompletedTask;

    private DutyLease(Duty duty, NpgsqlConnection? connection, TimeProvider? time, ILogger? logger)
    {
        Duty = duty;
        _connection = connection;
        if (connection is not null)
        {
            _watching = WatchAsync(connection, time!, logger!);
        }
    }

    private DutyLease(Duty duty, FileStream lockFile)
        : this(duty, null, null, null)
    {
        _lockFile = lockFile;
    }

    public Duty Duty { get; }

    public CancellationToken Lost => _lost.Token;

    internal static DutyLease Unshared(Duty duty) => new(duty, null, null, null);

    internal static DutyLease OfFile(Duty duty, FileStream lockFile) => new(duty, lockFile);

    internal static DutyLease Held(Duty duty, NpgsqlConnection connection, TimeProvider time, ILogger logger) => new(duty, connection, time, logger);

    public async ValueTask DisposeAsync()
    {
        await _released.CancelAsync();
        await _watching;
        if (_connection is not null)
        {
            // Let go of the lock in the session itself first: closing the unpooled connection ends the
            // session, which releases it too, but only once the server's backend has exited after the
            // close, so a process asking at once could still find it held.
            if (!_lost.IsCancellationRequested)
            {
                try
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", _connection);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    // The session ended meanwhile, and with it the lock.
                }
            }

            await _connection.DisposeAsync();
        }

        if (_lockFile is not null)
        {
            // Closing the file lets go of its lock.
            await _lockFile.DisposeAsync();
        }

        _lost.Dispose();
        _released.Dispose();
    }

    private async Task WatchAsync(NpgsqlConnection connection, TimeProvider time, ILogger logger)
    {
        await using var check = new NpgsqlCommand("SELECT 1", connection);
        while (!_released.IsCancellationRequested)
        {
            try
            {
                await UntilNextCheckAsync(connection, time);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_released.Token);
                timeout.CancelAfter(DutyLocks.CheckInterval);
                await check.ExecuteScalarAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (_released.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogWarning("Lost the database session that holds {Duty} ({Reason}); stopping it here", Duty, ex.Message);
                await _lost.CancelAsync();
                return;
            }
        }
    }

    /// <summary>
    /// Waits out the check interval on the session itself rather than beside it: a server that ends the
    /// session (a terminated backend, a shutdown) says so on the connection as it frees the lock, which
    /// ends this wait at once with that error, before another process can take the duty over (it asks
    /// every <see cref="DutyLocks.RetryInterval"/>). The check after the wait finds a session that went
    /// silent instead (a broken network), which no word from the server reveals.
    /// </summary>
    private async Task UntilNextCheckAsync(NpgsqlConnection connection, TimeProvider time)
    {
        using var interval = new CancellationTokenSource(DutyLocks.CheckInterval, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(_released.Token, interval.Token);
        try
        {
            await connection.WaitAsync(waiting.Token);
        }
        catch (OperationCanceledException) when (interval.IsCancellationRequested && !_released.IsCancellationRequested)
        {
            // The interval is over (Npgsql leaves the session usable after a cancelled wait): time to check.
        }
    }
}
