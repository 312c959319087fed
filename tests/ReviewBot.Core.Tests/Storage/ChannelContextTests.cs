using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public abstract class ChannelContextTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task ChannelContext_SameShowAgain_WritesNothing_AnotherShowMovesIt()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, otherId) = await TwoShowsAsync(database);
        var contexts = database.Get<ChannelContextStore>();

        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        await contexts.FlushAsync(CancellationToken.None);
        var firstWritten = await UpdatedAtAsync(database);

        database.Time.Advance(TimeSpan.FromMinutes(5));
        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        await contexts.FlushAsync(CancellationToken.None);
        Assert.Equal(firstWritten, await UpdatedAtAsync(database));
        Assert.Equal(showId, await contexts.GetShowIdAsync("channel-1", CancellationToken.None));

        await contexts.SetAsync("channel-1", otherId, CancellationToken.None);
        await contexts.FlushAsync(CancellationToken.None);
        Assert.Equal(otherId, await StoredShowAsync(database));
        Assert.NotEqual(firstWritten, await UpdatedAtAsync(database));
    }

    /// <summary>The answer never waits for the write: the new show is seen at once, and stored after the write-behind delay.</summary>
    [Fact]
    public async Task ChannelContext_SeenAtOnce_StoredAfterTheWriteBehindDelay()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, _) = await TwoShowsAsync(database);
        var contexts = database.Get<ChannelContextStore>();

        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        Assert.Equal(showId, await contexts.GetShowIdAsync("channel-1", CancellationToken.None));
        Assert.Null(await StoredShowAsync(database));

        database.Time.Advance(ChannelContextStore.WriteBehind);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await StoredShowAsync(database) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(showId, await StoredShowAsync(database));
    }

    /// <summary>Leaving (the CLI after one question, the host on stop) writes what is pending: the next process sees it.</summary>
    [Fact]
    public async Task ChannelContext_PendingOnDispose_IsWritten_AndReadByTheNextProcess()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, otherId) = await TwoShowsAsync(database);
        var first = new ChannelContextStore(database.Get<ReviewDatabase>(), database.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ChannelContextStore>.Instance);
        await first.SetAsync("cli", showId, CancellationToken.None);
        await first.SetAsync("channel-2", otherId, CancellationToken.None);
        await first.DisposeAsync();

        var next = new ChannelContextStore(database.Get<ReviewDatabase>(), database.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ChannelContextStore>.Instance);
        await using (next)
        {
            Assert.Equal(showId, await next.GetShowIdAsync("cli", CancellationToken.None));
            Assert.Equal(otherId, await next.GetShowIdAsync("channel-2", CancellationToken.None));
            Assert.Null(await next.GetShowIdAsync("channel-3", CancellationToken.None));
        }

        // The synchronous dispose (a host's `using`) writes too.
        var third = new ChannelContextStore(database.Get<ReviewDatabase>(), database.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ChannelContextStore>.Instance);
        await third.SetAsync("channel-1", otherId, CancellationToken.None);
        third.Dispose();
        Assert.Equal(otherId, await StoredShowAsync(database));
    }

    /// <summary>Memory stays bounded: past the limit, channels already written are forgotten and read back from the database.</summary>
    [Fact]
    public async Task ChannelContext_ManyChannels_ForgetsWrittenOnes_AndStillAnswersFromTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, otherId) = await TwoShowsAsync(database);
        var contexts = database.Get<ChannelContextStore>();
        for (var i = 0; i < ChannelContextStore.MaxRemembered; i++)
        {
            await contexts.SetAsync($"channel-{i}", i % 2 == 0 ? showId : otherId, CancellationToken.None);
        }

        await contexts.FlushAsync(CancellationToken.None);
        await contexts.SetAsync("one-more", showId, CancellationToken.None);

        Assert.Equal(1, contexts.RememberedCount);
        Assert.Equal(showId, await contexts.GetShowIdAsync("channel-0", CancellationToken.None));
        Assert.Equal(otherId, await contexts.GetShowIdAsync("channel-9999", CancellationToken.None));
        Assert.Equal(showId, await contexts.GetShowIdAsync("one-more", CancellationToken.None));
    }

    protected static async Task<(long ShowId, long OtherId)> TwoShowsAsync(TestDatabase database)
    {
        await database.ImportAsync(TestDatabase.SampleText);
        return (await database.ScalarAsync("SELECT id FROM shows"), await InsertShowAsync(database, "Other Show"));
    }

    private static async Task<string> UpdatedAtAsync(TestDatabase database) =>
        (string)(await StoredColumnAsync(database, "updated_at"))!;

    protected static async Task<long?> StoredShowAsync(TestDatabase database) =>
        await StoredColumnAsync(database, "show_id") as long?;

    /// <summary>A column of channel-1's row as the database has it (null when there is no row).</summary>
    protected static async Task<object?> StoredColumnAsync(TestDatabase database, string column)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM channel_context WHERE channel_key = 'channel-1'"; // column: a constant of this file
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long> InsertShowAsync(TestDatabase database, string title)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO shows (title, slug, created_at, updated_at) VALUES (@title, @slug, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
            new { title, slug = ReviewBot.Core.Reviews.Slug.From(title) });
    }
}

public sealed class ChannelContextTestsOnSqlite : ChannelContextTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>
    /// Every /review and /episode that moves its channel to another show costs a row of the next
    /// write: on SQLite a statement prepared once per write, not a command, reader and strings per row.
    /// </summary>
    [Fact]
    public async Task ChannelContext_AWriteOfManyChannels_AllocatesLittlePerChannel()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, otherId) = await TwoShowsAsync(database);
        var contexts = database.Get<ChannelContextStore>();
        var keys = Enumerable.Range(0, 64).Select(i => "discord:" + (1_300_000_000_000_000_000UL + (ulong)i)).ToArray();
        foreach (var key in keys)
        {
            await contexts.SetAsync(key, showId, CancellationToken.None);
        }

        await contexts.FlushAsync(CancellationToken.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys)
        {
            await contexts.SetAsync(key, otherId, CancellationToken.None);
        }

        await contexts.FlushAsync(CancellationToken.None);
        var perChannel = (GC.GetAllocatedBytesForCurrentThread() - before) / keys.Length;

        Assert.True(perChannel < 600, $"{perChannel} bytes per channel written");
        await using var connection = await database.OpenAsync();
        Assert.Equal(keys.Length, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM channel_context WHERE show_id = @otherId", new { otherId }));
    }
    /// <summary>
    /// The changes since the last write collect in the dictionary that write emptied, already grown to
    /// their number: a bot whose channels keep moving does not grow a new one from empty for every write.
    /// </summary>
    [Fact]
    public async Task ChannelContext_ChangesAfterAWrite_CollectWithoutGrowingANewBatch()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var (showId, otherId) = await TwoShowsAsync(database);
        var contexts = database.Get<ChannelContextStore>();
        var keys = Enumerable.Range(0, 64).Select(i => "discord:" + (1_300_000_000_000_000_000UL + (ulong)i)).ToArray();
        foreach (var show in new[] { showId, otherId })
        {
            foreach (var key in keys)
            {
                await contexts.SetAsync(key, show, CancellationToken.None);
            }

            await contexts.FlushAsync(CancellationToken.None);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys)
        {
            await contexts.SetAsync(key, showId, CancellationToken.None);
        }

        var collected = GC.GetAllocatedBytesForCurrentThread() - before;
        await contexts.FlushAsync(CancellationToken.None);

        // What is left is the write's delay being scheduled; a dictionary grown to 64 changes is several KB.
        Assert.True(collected < 1024, $"{collected} bytes to collect {keys.Length} changes");
        await using var connection = await database.OpenAsync();
        Assert.Equal(keys.Length, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM channel_context WHERE show_id = @showId", new { showId }));
    }

    /// <summary>
    /// A write that fails (here a trigger refuses every row, as a full disk would) keeps its changes and
    /// is tried again later and later: it was tried, and warned about, every quarter-second.
    /// </summary>
    [Fact]
    public async Task ChannelContext_WritesThatKeepFailing_AreTriedLaterAndLater_AndTheChangeIsKept()
    {
        using var logs = new FakeLoggerProvider();
        await using var database = await TestDatabase.CreateAsync(configure: services => services.AddLogging(l => l.AddProvider(logs)));
        var (showId, _) = await TwoShowsAsync(database);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON channel_context BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
        }

        var contexts = database.Get<ChannelContextStore>();
        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        for (var step = 0; step < 240; step++) // a minute on the bot's clock, a quarter-second at a time
        {
            database.Time.Advance(ChannelContextStore.WriteBehind);
            await Task.Delay(5);
        }

        var warnings = logs.Collector.GetSnapshot().Where(l => l.Level == LogLevel.Warning && l.Message.Contains("show context", StringComparison.Ordinal)).ToList();
        Assert.InRange(warnings.Count, 1, 10);
        Assert.Equal(
            ["00:00:00.5000000", "00:00:01", "00:00:02", "00:00:04"],
            warnings.Take(4).Select(w => w.StructuredState!.Single(p => p.Key == "RetryDelay").Value));

        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DROP TRIGGER refuse");
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await StoredShowAsync(database) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not written once the database took it again");
            database.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Equal(showId, await StoredShowAsync(database));
        Assert.Contains(logs.Collector.GetSnapshot(), l => l.Level == LogLevel.Information && l.Message.Contains("failed write", StringComparison.Ordinal));
    }
}

public sealed class ChannelContextTestsOnPostgreSql : ChannelContextTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
