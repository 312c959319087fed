using Dapper;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Storage.Moving;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// <c>migrate --to</c> copies the tables it lists: a table a migration adds and nobody adds to that
/// list would be left behind silently. Every table of the migrated schema is either moved or named
/// here with the reason it is not.
/// </summary>
public sealed class StoreMoveTablesTests
{
    /// <summary>Tables the target builds or keeps for itself.</summary>
    private static readonly string[] NotMoved =
    [
        "SchemaVersions",            // DbUp's journal: the target runs its own migrations
        "review_version_generation", // a counter the SQLite change watch compares; PostgreSQL notifies instead
        "review_rating_totals",      // kept by the target's own triggers as the ratings are copied in
        "sqlite_sequence",           // SQLite's own; the target's sequences are set after the copy
        "subscription_reservations", // places held for the seconds a /subscribe posts its note; a copy starts with none
        "subscription_resumptions",  // resumes held for the seconds a Resume posts its note; a copy starts with none
    ];

    [Fact]
    public async Task EveryTableOfTheSchema_IsMovedOrNamedAsNotMoved()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var connection = await db.OpenAsync();

        var tables = (await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'reviews_fts%' ORDER BY name"))
            .ToList();

        Assert.Empty(tables.Except(StoreMove.Tables.Select(t => t.Table)).Except(NotMoved));
        Assert.Empty(StoreMove.Tables.Select(t => t.Table).Except(tables));
    }
}
