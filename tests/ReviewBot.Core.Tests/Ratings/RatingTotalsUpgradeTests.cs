using ReviewBot.Core.Ratings;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Tests.Storage;

namespace ReviewBot.Core.Tests.Ratings;

public abstract class RatingTotalsUpgradeTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task MigrateAsync_RatingsFromBeforeTheirTotals_AreTotalledAndKeptFromThen()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(Provider, db.ConnectionString, "0013");
        await using (var connection = await db.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            // What an earlier release held: two rated reviews and one nobody rated.
            insert.CommandText =
                """
                INSERT INTO shows (id, title, slug, created_at, updated_at) VALUES (7, 'Frieren', 'frieren', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (70, 7, 1, 'Frieren Season 1 Review', 'Old', '', 'Old body.', 'a.txt', 'a', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (71, 7, 2, 'Frieren Season 2 Review', 'Old', '', 'Old body.', 'b.txt', 'b', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (72, 7, 3, 'Frieren Season 3 Review', 'Old', '', 'Old body.', 'c.txt', 'c', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                INSERT INTO community_ratings (review_id, user_id, rating, rated_at)
                VALUES (70, 1, 8, '2025-01-02T00:00:00.0000000Z'), (70, 2, 5, '2025-01-02T00:00:00.0000000Z'), (71, 1, 10, '2025-01-02T00:00:00.0000000Z');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var store = db.Get<CommunityRatingStore>();

        Assert.Contains("0013_review_rating_totals.sql", applied);
        Assert.Equal(new CommunityScore(6.5, 2), await store.GetAsync(70, CancellationToken.None));
        Assert.Equal(new CommunityScore(10, 1), await store.GetAsync(71, CancellationToken.None));
        Assert.Equal(CommunityScore.None, await store.GetAsync(72, CancellationToken.None));

        await store.RateAsync(72, 3, 4, CancellationToken.None);
        await store.RateAsync(70, 2, 9, CancellationToken.None);
        Assert.Equal(new CommunityScore(8.5, 2), await store.GetAsync(70, CancellationToken.None));
        Assert.Equal(new CommunityScore(4, 1), await store.GetAsync(72, CancellationToken.None));
    }
}

public sealed class RatingTotalsUpgradeTestsOnSqlite : RatingTotalsUpgradeTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class RatingTotalsUpgradeTestsOnPostgreSql : RatingTotalsUpgradeTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
