using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.Tests.Storage;

public sealed class SqliteMapSizeTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task MapSizeSet_AKeptStatementsConnection_ReadsThroughAMapThatLarge()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteMapSizeKey] = "64" });

        Assert.Equal(64 * MiB, await KeptMapSizeAsync(database));
    }

    [Fact]
    public async Task MapSizeNotSet_AKeptStatementsConnection_MapsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Equal(0, StorageOptions.DefaultSqliteMapSizeMiB);
        Assert.Equal(0, await KeptMapSizeAsync(database));
    }

    [Fact]
    public async Task MapSizeZero_MapsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteMapSizeKey] = "0" });

        Assert.Equal(0, await KeptMapSizeAsync(database));
    }

    [Fact]
    public async Task EveryOtherWayOfOpening_MapsNothing_AlsoAfterAKeptStatementLetItsConnectionGo()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteMapSizeKey] = "64" });
        Assert.Equal(64 * MiB, await KeptMapSizeAsync(database)); // its connection closed with it

        // Twice each: the second connection comes from the pool, which must not have been handed the map.
        for (var i = 0; i < 2; i++)
        {
            await using (var connection = await database.OpenAsync())
            {
                Assert.Equal(0, await MapSizeAsync(connection));
            }

            await using (var reader = database.Get<ReviewDatabase>().OpenForRead())
            {
                Assert.Equal(0, await MapSizeAsync(reader));
            }

            await using (var readOnly = await database.Get<SqliteConnectionFactory>().OpenReadOnlyAsync(CancellationToken.None))
            {
                Assert.Equal(0, await MapSizeAsync(readOnly));
            }
        }
    }

    [Fact]
    public async Task AKeptStatement_ReadsWhatAnotherConnectionCommittedAfterIt_ThroughTheMap()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var writer = await database.OpenAsync())
        {
            await ConnectionSql.ExecuteAsync(writer, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL); INSERT INTO note (text) VALUES ('first')");
        }

        await using var kept = new KeptSqliteStatement(database.Get<ReviewDatabase>(), "SELECT group_concat(text, ',') FROM note");
        Assert.Equal("first", await ReadTextAsync(kept));

        await using (var writer = await database.OpenAsync())
        {
            await ConnectionSql.ExecuteAsync(writer, "INSERT INTO note (text) VALUES ('second')");
        }

        Assert.Equal("first,second", await ReadTextAsync(kept));
    }

    [Theory]
    [InlineData("abc", "is \"abc\";")]
    [InlineData("-1", "is -1;")]
    [InlineData("2048", "is 2048;")]
    public async Task MapSizeUnreadableOrOutOfRange_IsAConfigurationError_NamingTheKey(string value, string shown)
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteMapSizeKey] = value }, migrate: false);

        var error = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<StorageOptions>>().Value);

        Assert.Contains($"{StorageOptions.SqliteMapSizeKey} {shown}", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 0 (off) to 2047", error.Message, StringComparison.Ordinal);
        Assert.Contains("or leave it out for none.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData(" 2047 ", 2047)]
    [InlineData("", null)]
    public async Task MapSizeInRangeOrEmpty_IsAccepted(string value, int? expected)
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteMapSizeKey] = value }, migrate: false);

        Assert.Equal(expected, database.Get<IOptions<StorageOptions>>().Value.SqliteMapSizeMiB);
    }

    /// <summary>What <c>PRAGMA mmap_size</c> says on the connection a kept statement opens for itself.</summary>
    private static async Task<long> KeptMapSizeAsync(TestDatabase database)
    {
        await using var kept = new KeptSqliteStatement(database.Get<ReviewDatabase>(), "SELECT 1");
        return await kept.RunAsync(0, static (connection, _, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA mmap_size";
            return (long)command.ExecuteScalar()!;
        }, CancellationToken.None);
    }

    private static async Task<string?> ReadTextAsync(KeptSqliteStatement kept) =>
        await kept.RunAsync(0, static (_, statement, _) =>
        {
            try
            {
                return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }, CancellationToken.None);

    private static Task<long> MapSizeAsync(DbConnection connection) => ConnectionSql.ScalarAsync(connection, "PRAGMA mmap_size");
}
