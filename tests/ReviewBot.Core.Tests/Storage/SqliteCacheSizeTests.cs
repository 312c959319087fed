using System.Data.Common;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public sealed class SqliteCacheSizeTests
{
    [Fact]
    public async Task CacheSizeSet_EveryWayOfOpening_GetsIt_AlsoFromThePool()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = "256" });

        // Twice each: the second connection comes from the pool, where the setting must hold again.
        for (var i = 0; i < 2; i++)
        {
            await using (var connection = await database.OpenAsync())
            {
                Assert.Equal(-256, await CacheSizeAsync(connection));
            }

            await using (var reader = database.Get<ReviewDatabase>().OpenForRead())
            {
                Assert.Equal(-256, await CacheSizeAsync(reader));
            }

            await using (var readOnly = await database.Get<SqliteConnectionFactory>().OpenReadOnlyAsync(CancellationToken.None))
            {
                Assert.Equal(-256, await CacheSizeAsync(readOnly));
            }
        }
    }

    [Fact]
    public async Task CacheSizeNotSet_EveryWayOfOpening_GetsTheDefault_SmallerThanSqlites()
    {
        await using var database = await TestDatabase.CreateAsync();

        await using (var connection = await database.OpenAsync())
        {
            Assert.Equal(-StorageOptions.DefaultSqliteCacheSizeKiB, await CacheSizeAsync(connection));
        }

        await using (var reader = database.Get<ReviewDatabase>().OpenForRead())
        {
            Assert.Equal(-StorageOptions.DefaultSqliteCacheSizeKiB, await CacheSizeAsync(reader));
        }

        await using (var readOnly = await database.Get<SqliteConnectionFactory>().OpenReadOnlyAsync(CancellationToken.None))
        {
            Assert.Equal(-StorageOptions.DefaultSqliteCacheSizeKiB, await CacheSizeAsync(readOnly));
        }

        Assert.True(StorageOptions.DefaultSqliteCacheSizeKiB < 2000);
    }

    [Fact]
    public async Task CacheSizeSet_BoundsWhatAConnectionKeeps_WhereTheDefaultWouldKeepMore()
    {
        // A table of about 4 MB read through once: SQLite's own default cache (2,000 KiB) keeps pages up
        // to its limit, the bounded one no more than its 64 KiB. SQLite's own count of the cache's pages says so.
        await using var bounded = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = "64" });
        await using var unbounded = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = "2000" });
        foreach (var database in new[] { bounded, unbounded })
        {
            await using var writer = await database.OpenAsync();
            await ConnectionSql.ExecuteAsync(writer, "CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            await ConnectionSql.ExecuteAsync(writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO filler (text) SELECT printf('%.1000c', 'x') FROM n");
        }

        Assert.True(await CachedBytesAfterScanAsync(bounded) <= 80 * 1024);
        Assert.True(await CachedBytesAfterScanAsync(unbounded) > 1024 * 1024);
    }

    [Theory]
    [InlineData("abc", "is \"abc\";")]
    [InlineData("63", "is 63;")]
    [InlineData("-1", "is -1;")]
    [InlineData("1048577", "is 1048577;")]
    public async Task CacheSizeUnreadableOrOutOfRange_IsAConfigurationError_NamingTheKey(string value, string shown)
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = value }, migrate: false);

        var error = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<StorageOptions>>().Value);

        Assert.Contains($"{StorageOptions.SqliteCacheSizeKey} {shown}", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 64 to 1048576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CacheSizeOutOfRange_TheErrorNamesTheDefaultItWouldGetLeftOut()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = "1" }, migrate: false);

        var error = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<StorageOptions>>().Value);

        Assert.Contains($"leave it out for the default of {StorageOptions.DefaultSqliteCacheSizeKiB}.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("64", 64)]
    [InlineData(" 1048576 ", 1048576)]
    [InlineData("", null)]
    public async Task CacheSizeInRangeOrEmpty_IsAccepted(string value, int? expected)
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { [StorageOptions.SqliteCacheSizeKey] = value }, migrate: false);

        Assert.Equal(expected, database.Get<IOptions<StorageOptions>>().Value.SqliteCacheSizeKiB);
    }

    /// <summary>Reads the whole filler table on a fresh connection, then asks SQLite how much of its cache is in use.</summary>
    private static async Task<long> CachedBytesAfterScanAsync(TestDatabase database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var connection = await database.OpenAsync();
        await ConnectionSql.ExecuteAsync(connection, "SELECT SUM(LENGTH(text)) FROM filler");
        var pages = await ConnectionSql.ScalarAsync(connection, "SELECT COUNT(*) FROM filler"); // touch again: nothing evicted on a hit
        Assert.Equal(4000, pages);
        var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)connection;
        SQLitePCL.raw.sqlite3_db_status(sqlite.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_USED, out var used, out _, 0);
        return used;
    }

    private static async Task<long> CacheSizeAsync(DbConnection connection) => await ConnectionSql.ScalarAsync(connection, "PRAGMA cache_size");
}
