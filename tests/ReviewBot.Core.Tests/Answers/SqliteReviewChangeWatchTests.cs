using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Answers;

/// <summary>The SQLite watch on its own: what it vouches for before, while and after the schema it reads is there.</summary>
public sealed class SqliteReviewChangeWatchTests
{
    [Fact]
    public async Task CatchUp_BeforeTheMigrations_VouchesForNothing_ThenWatchesOnceTheyRan()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var cache = new ReviewVersionCache();
        var time = new FakeTimeProvider();
        await using var watch = new SqliteReviewChangeWatch(db.Get<ReviewDatabase>(), cache, time);
        Keep(cache);

        // No review_version_generation table yet: nothing kept can be vouched for.
        Assert.False(await watch.CatchUpAsync(CancellationToken.None));
        Assert.Equal(0, cache.Count);

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Keep(cache);

        // Nothing committed since: what is kept holds.
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Assert.Equal(1, cache.Count);

        // A review imported by another connection moves the generation: everything kept goes, at the next look.
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        time.Advance(SqliteReviewChangeWatch.LookedAtFor);
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task CatchUp_WithinALook_TakesWhatIsKept_AndTheNextLookSeesWhatAnotherProcessCommitted()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren-1.txt");
        var cache = new ReviewVersionCache();
        var time = new FakeTimeProvider();
        await using var watch = new SqliteReviewChangeWatch(db.Get<ReviewDatabase>(), cache, time);
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Keep(cache);

        // Through another set of services on the same file: another process's writer, as far as this watch can tell.
        await using (var other = await TestDatabase.OpenSameAsync(db))
        {
            await other.ImportAsync(AnswerTestData.Review("Frieren", 2, 4), "frieren-2.txt");
        }

        time.Advance(SqliteReviewChangeWatch.LookedAtFor - TimeSpan.FromMilliseconds(1));
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Assert.Equal(1, cache.Count);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await watch.CatchUpAsync(CancellationToken.None));
        Assert.Equal(0, cache.Count);
    }

    private static void Keep(ReviewVersionCache cache) =>
        Assert.True(cache.Keep(1, null, new ReviewVersion(1, "2026-01-01T00:00:00.0000000Z", "hash", 0, 0), cache.Epoch));
}
