using Microsoft.Data.Sqlite;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>An up-to-date database is checked through a read-only connection: no write lock, no wait.</summary>
public sealed class MigratorWithoutWritesTests
{
    [Fact]
    public async Task MigrateAsync_UpToDate_WhileAnotherConnectionWrites_ReturnsWithoutWaiting()
    {
        await using var db = await TestDatabase.CreateAsync();
        var path = Path.Combine(db.Folder, "db", "reviews.db");
        await using var writer = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=1");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task MigrateAsync_UpToDate_ReadOnlyConnectionString_Succeeds()
    {
        await using var migrated = await TestDatabase.CreateAsync();
        var path = Path.Combine(migrated.Folder, "db", "reviews.db");
        await using var readOnly = await TestDatabase.CreateAsync(
            settings: new Dictionary<string, string?> { ["ConnectionStrings:Reviews"] = $"Data Source={path};Mode=ReadOnly" }, migrate: false);

        var applied = await readOnly.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task PendingAsync_ListsWhatTheJournalLacks()
    {
        await using var fresh = await TestDatabase.CreateAsync(migrate: false);
        await using var migrated = await TestDatabase.CreateAsync();

        var all = await fresh.Get<DatabaseMigrator>().PendingAsync(CancellationToken.None);
        var none = await migrated.Get<DatabaseMigrator>().PendingAsync(CancellationToken.None);

        Assert.Equal("0001_initial.sql", all[0]);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Empty(none);
        Assert.False(File.Exists(Path.Combine(fresh.Folder, "db", "reviews.db"))); // looking created nothing
    }
}
