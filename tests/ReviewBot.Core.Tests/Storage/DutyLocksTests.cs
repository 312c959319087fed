using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>One process at a time per duty, through the database; the next one takes over when the holder's session ends.</summary>
public sealed class DutyLocksTests
{
    [Fact]
    public async Task PostgreSql_SecondProcessWaits_UntilTheHoldersSessionEnds_ThenTakesOver()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var first = Process(db);
        await using var second = Process(db);

        var held = await DeliveryHeldByTheFirstAsync(first, second);

        // The holder dies: the server ends its session, as when the process is killed and its socket closes.
        await using var takenOver = await TakenOverWhenAsync(second, () => TerminateHolderAsync(db));

        Assert.Equal(Duty.Delivery, takenOver.Duty);
        // The old holder notices on its next check and stops working the duty.
        await AdvanceUntilAsync(first.Time, WhenCancelled(held.Lost));
        await held.DisposeAsync();
        Assert.Null(await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None));
    }

    /// <summary>
    /// The server ending the holder's session (a terminated backend, a restart) frees the lock at once, so
    /// the holder must know at once too, not at its next check: until it does, a process that took the
    /// duty over and this one would both run it (two deliverers, each posting a forum post that cannot
    /// carry a nonce). The holder's clock stands still here, so no check runs.
    /// </summary>
    [Fact]
    public async Task PostgreSql_HoldersSessionEndedByTheServer_LostAtOnce_NotAtTheNextCheck()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var first = Process(db);
        await using var held = await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None);
        Assert.NotNull(held);

        await TerminateHolderAsync(db);

        Assert.True(await WhenCancelled(held.Lost).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Waiting on its session between checks does not cost the holder its lease while the session stays.</summary>
    [Fact]
    public async Task PostgreSql_HeldThroughManyChecks_StaysHeld()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var first = Process(db);
        await using var second = Process(db);
        await using var held = await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None);
        Assert.NotNull(held);

        for (var i = 0; i < 5; i++)
        {
            first.Time.Advance(DutyLocks.CheckInterval);
            Assert.Null(await second.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None));
        }

        Assert.False(held.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task PostgreSql_ReleasedLease_IsFreeForTheNext()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var first = Process(db);
        await using var second = Process(db);

        var lease = await first.Locks.TryAcquireAsync(Duty.Inbox, CancellationToken.None);
        Assert.Null(await second.Locks.TryAcquireAsync(Duty.Inbox, CancellationToken.None));
        await lease!.DisposeAsync();

        await using var next = await second.Locks.TryAcquireAsync(Duty.Inbox, CancellationToken.None);
        Assert.NotNull(next);
    }

    /// <summary>Two gateway processes: one Identify per bucket per window across both, other buckets unaffected.</summary>
    [Fact]
    public async Task PostgreSql_IdentifyTurn_BucketHeldForTheWindowAcrossProcesses()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using var first = Process(db);
        await using var second = Process(db);
        var window = TimeSpan.FromSeconds(5);

        await first.Locks.TakeIdentifyTurnAsync(0, window, CancellationToken.None);
        var sameBucket = second.Locks.TakeIdentifyTurnAsync(0, window, CancellationToken.None);
        await second.Locks.TakeIdentifyTurnAsync(1, window, CancellationToken.None);

        Assert.False(sameBucket.IsCompleted);
        first.Time.Advance(window - TimeSpan.FromMilliseconds(1));
        Assert.False(sameBucket.IsCompleted);
        first.Time.Advance(TimeSpan.FromMilliseconds(1));
        await sameBucket.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Sqlite_GrantsAtOnce_WhenNoOtherProcessHoldsIt()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

        await using var lease = await db.Get<DutyLocks>().TryAcquireAsync(Duty.Delivery, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.False(lease.Lost.IsCancellationRequested);
    }

    /// <summary>
    /// Two processes started on one SQLite file (the service and a test run in the same folder): the
    /// second waits for each duty instead of running it too, and takes it over when the first lets go.
    /// </summary>
    [Fact]
    public async Task Sqlite_SecondProcessOnTheSameFile_Waits_ThenTakesOver()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var first = Process(db);
        await using var second = Process(db);

        var held = await DeliveryHeldByTheFirstAsync(first, second);

        await using var takenOver = await TakenOverWhenAsync(second, async () => await held.DisposeAsync());

        Assert.Equal(Duty.Delivery, takenOver.Duty);
        Assert.Null(await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None));
    }

    /// <summary>
    /// A second process that reaches the same file through a link to it in another folder waits for the
    /// duty too: two deliverers on one database would each post its announcements.
    /// </summary>
    [Fact]
    public async Task Sqlite_SecondProcessThroughALinkToTheFile_Waits()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var file = db.Get<SqliteConnectionFactory>().DatabaseFile!;
        var linked = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, "linked.db");
        File.CreateSymbolicLink(linked, file);

        await using var first = Process(db);
        await using var second = Process($"Data Source={linked}", db.Time);

        await using var held = await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None);
        var alsoHeld = await second.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None);

        Assert.NotNull(held);
        Assert.Null(alsoHeld);
    }

    /// <summary>
    /// A lock file the service's user may only read (left by a run as another user) still works: the lock
    /// needs the file open, not writable. Made unwritable here with chattr +i, which binds root too.
    /// </summary>
    [Fact]
    public async Task Sqlite_LockFileThisUserCannotWrite_StillTakesTheDuty()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var lockFile = DutyLocks.SqliteLockFile(db.Get<SqliteConnectionFactory>().DatabaseFile!, Duty.Feeds);
        File.WriteAllBytes(lockFile, []);
        Chattr("+i", lockFile);
        try
        {
            await using var lease = await db.Get<DutyLocks>().TryAcquireAsync(Duty.Feeds, CancellationToken.None);
            Assert.NotNull(lease);
        }
        finally
        {
            Chattr("-i", lockFile);
        }
    }

    private static void Chattr(string change, string path)
    {
        using var chattr = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [change, path]) { UseShellExecute = false })!;
        chattr.WaitForExit();
        Assert.Equal(0, chattr.ExitCode);
    }

    /// <summary>The kernel frees the lock when the holding process ends, however it ends: a killed holder does not leave the duty taken.</summary>
    [Fact]
    public async Task Sqlite_HolderKilled_DutyIsFree()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        var lockFile = DutyLocks.SqliteLockFile(db.Get<SqliteConnectionFactory>().DatabaseFile!, Duty.Inbox);
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--exclusive", "--close", lockFile, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            await using var locks = Process(db);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (File.Exists(lockFile) is false && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            // flock(1) may still be between creating the file and locking it: ask until it holds it.
            DutyLease? early;
            while ((early = await locks.Locks.TryAcquireAsync(Duty.Inbox, CancellationToken.None)) is not null && DateTime.UtcNow < deadline)
            {
                await early.DisposeAsync();
                await Task.Delay(20);
            }

            Assert.Null(early);
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();

            await using var lease = await locks.Locks.TryAcquireAsync(Duty.Inbox, CancellationToken.None);
            Assert.NotNull(lease);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The first process takes Delivery; the second cannot have it, but other duties are separate locks.</summary>
    private static async Task<DutyLease> DeliveryHeldByTheFirstAsync(ProcessView first, ProcessView second)
    {
        var held = await first.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await second.Locks.TryAcquireAsync(Duty.Delivery, CancellationToken.None));
        await using (var feeds = await second.Locks.TryAcquireAsync(Duty.Feeds, CancellationToken.None))
        {
            Assert.NotNull(feeds);
        }

        return held;
    }

    /// <summary>The second process waits for Delivery until <paramref name="holderEnds"/> ends the first's hold, then has it.</summary>
    private static async Task<DutyLease> TakenOverWhenAsync(ProcessView second, Func<Task> holderEnds)
    {
        var waiting = second.Locks.AcquireAsync(Duty.Delivery, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        await holderEnds();
        return await AdvanceUntilAsync(second.Time, waiting);
    }

    /// <summary>A second "process": its own connections and clock on the same database.</summary>
    private static ProcessView Process(TestDatabase db) => Process(db.ConnectionString, db.Time);

    private static ProcessView Process(string connectionString, TimeProvider clock)
    {
        var options = Options.Create(new StorageOptions { ConnectionString = connectionString });
        var database = new ReviewDatabase(options, new SqliteConnectionFactory(options));
        var time = new FakeTimeProvider(clock.GetUtcNow());
        return new ProcessView(database, time, new DutyLocks(database, time, NullLogger<DutyLocks>.Instance));
    }

    private static async Task TerminateHolderAsync(TestDatabase db)
    {
        await using var admin = new NpgsqlConnection(db.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.classid = @app AND l.objid = @key AND l.granted
            """,
            admin);
        command.Parameters.AddWithValue("app", (long)AdvisoryLockKeys.Application);
        command.Parameters.AddWithValue("key", (long)(AdvisoryLockKeys.DutyBase + (int)Duty.Delivery));
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    /// <summary>Moves the fake clock on until the task completes (the retry and check delays run on it), bounded in real time.</summary>
    private static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(20));
        }

        return await task;
    }

    private static async Task<bool> WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource<bool>();
        await using var registration = token.Register(() => done.TrySetResult(true));
        return await done.Task;
    }

    private sealed record ProcessView(ReviewDatabase Database, FakeTimeProvider Time, DutyLocks Locks) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }
}
