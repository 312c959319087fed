using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public sealed class ConnectionAndContextTests
{
    [Fact]
    public async Task OpenedConnections_UseWal_ForeignKeys_AndNormalSync()
    {
        await using var database = await TestDatabase.CreateAsync();

        // Twice: the second open comes from the pool and must be configured all the same.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(1, await database.ScalarAsync("PRAGMA synchronous")); // 1 = NORMAL, 2 = FULL
            Assert.Equal(1, await database.ScalarAsync("PRAGMA foreign_keys"));
            Assert.Equal(SqliteConnectionFactory.BusyTimeoutMilliseconds, await database.ScalarAsync("PRAGMA busy_timeout"));
        }

        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ChannelContext_SameShowAgain_WritesNothing_AnotherShowMovesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.ImportAsync(TestDatabase.SampleText);
        var showId = await database.ScalarAsync("SELECT id FROM shows");
        var otherId = await InsertShowAsync(database, "Other Show");
        var contexts = database.Get<ChannelContextStore>();

        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        var firstWritten = await UpdatedAtAsync(database);

        database.Time.Advance(TimeSpan.FromMinutes(5));
        await contexts.SetAsync("channel-1", showId, CancellationToken.None);
        Assert.Equal(firstWritten, await UpdatedAtAsync(database));
        Assert.Equal(showId, await contexts.GetShowIdAsync("channel-1", CancellationToken.None));

        await contexts.SetAsync("channel-1", otherId, CancellationToken.None);
        Assert.Equal(otherId, await contexts.GetShowIdAsync("channel-1", CancellationToken.None));
        Assert.NotEqual(firstWritten, await UpdatedAtAsync(database));
    }

    private static async Task<string> UpdatedAtAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT updated_at FROM channel_context WHERE channel_key = 'channel-1'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> InsertShowAsync(TestDatabase database, string title)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO shows (title, slug, created_at, updated_at) VALUES ($title, $slug, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id";
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$slug", ReviewBot.Core.Reviews.Slug.From(title));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
