using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task MigrateAsync_EmptyFolder_CreatesDatabaseWithSchemaAndJournal()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Contains("0001_initial.sql", applied);
        Assert.True(File.Exists(Path.Combine(db.Folder, "db", "reviews.db")));
        foreach (var table in new[] { "shows", "reviews", "episodes", "reviews_fts", "channel_context", "SchemaVersions" })
        {
            Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM sqlite_master WHERE name = '{table}'"));
        }
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
        Assert.Equal(
            typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("ReviewBot.Migrations.", StringComparison.Ordinal)),
            await db.ScalarAsync("SELECT COUNT(*) FROM SchemaVersions"));
    }

    [Fact]
    public async Task OpenAsync_AfterMigration_WalForeignKeysAndBusyTimeoutSet()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.OpenAsync();

        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal("1", await Pragma(connection, "foreign_keys"));
        Assert.Equal("5000", await Pragma(connection, "busy_timeout"));
    }

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

    /// <summary>
    /// Microsoft.Data.Sqlite retries a statement SQLite answered "busy" until the command's timeout,
    /// 30 s unless told otherwise, on top of SQLite's own wait: another writer's lock would hold up a
    /// write (an import's file, a CLI run's exit) for 30 s instead of the busy timeout promised.
    /// Both waits are the busy timeout, for commands made on the connection and the ones it makes
    /// itself (BEGIN IMMEDIATE), pooled or not.
    /// </summary>
    [Fact]
    public async Task OpenedConnections_WaitForAnotherWritersLock_NoLongerThanTheBusyTimeout()
    {
        await using var database = await TestDatabase.CreateAsync();
        var factory = database.Get<SqliteConnectionFactory>();
        var seconds = SqliteConnectionFactory.BusyTimeoutMilliseconds / 1000;

        await using var pooled = await factory.OpenAsync(CancellationToken.None);
        await using var unpooled = await factory.OpenMappedAsync(CancellationToken.None);
        await using var readOnly = await factory.OpenReadOnlyAsync(CancellationToken.None);

        foreach (var connection in new[] { pooled, unpooled, readOnly })
        {
            Assert.Equal(seconds, connection.DefaultTimeout);
            await using var command = connection.CreateCommand();
            Assert.Equal(seconds, command.CommandTimeout);
        }
    }

    [Theory]
    [InlineData("Default Timeout=12")]
    [InlineData("Command Timeout=12")]
    public async Task ATimeoutTheConnectionStringSets_IsKept(string setting)
    {
        await using var database = await TestDatabase.CreateAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            ConnectionString = $"Data Source={Path.Combine(database.Folder, "db", "reviews.db")};{setting}",
        });

        await using var connection = await new SqliteConnectionFactory(options).OpenAsync(CancellationToken.None);

        Assert.Equal(12, connection.DefaultTimeout);
    }

    private static async Task<string?> Pragma(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
