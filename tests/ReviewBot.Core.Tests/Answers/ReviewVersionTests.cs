using ReviewBot.Core.Answers;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Answers;

/// <summary>A review's version changes exactly when what its answers show changes: its text, or its community score.</summary>
public abstract class ReviewVersionTests
{
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Lookup_NothingChanged_TheSameVersion()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var query = db.Get<ReviewQuery>();

        var first = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);
        var second = await query.LookupAsync(new ReviewRequest("Frieren", null, "c2"), CancellationToken.None);

        Assert.NotNull(first.Version);
        Assert.Equal(first.Version, second.Version);
    }

    [Fact]
    public async Task GetForAnswer_WithoutTheBody_TheSameReviewAndVersionWithAnEmptyBody()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var show = (await db.Get<ReviewQuery>().LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Show!;
        var store = db.Get<ReviewBot.Core.Reviews.ReviewStore>();

        var whole = (await store.GetForAnswerAsync(show.Id, null, withBody: true, CancellationToken.None))!;
        var lean = (await store.GetForAnswerAsync(show.Id, null, withBody: false, CancellationToken.None))!;

        Assert.NotEmpty(whole.Review.Body);
        Assert.Equal("", lean.Review.Body);
        Assert.Equal(whole.Review with { Body = "", Episodes = lean.Review.Episodes }, lean.Review);
        Assert.Equal(whole.Review.Episodes, lean.Review.Episodes);
        Assert.Equal((whole.UpdatedAt, whole.ContentHash, whole.Ratings, whole.RatingSum), (lean.UpdatedAt, lean.ContentHash, lean.Ratings, lean.RatingSum));
    }

    [Fact]
    public async Task Lookup_AfterAnEditAtTheSameClockTime_ANewVersion()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var query = db.Get<ReviewQuery>();
        var before = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version;

        // The fake clock has not moved: updated_at is the same, the text is not.
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3, verdict: "9/10"), "frieren.txt");
        var after = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version;

        Assert.Equal(before!.ReviewId, after!.ReviewId);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Lookup_AfterARatingAndAChangedRating_ANewVersionEachTime()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var query = db.Get<ReviewQuery>();
        var ratings = db.Get<CommunityRatingStore>();
        var none = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        await ratings.RateAsync(none.ReviewId, 42, 7, CancellationToken.None);
        await ReviewVersionReuseTests.WaitUntilDroppedAsync(db, none);
        var rated = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;
        await ratings.RateAsync(none.ReviewId, 42, 8, CancellationToken.None);
        await ReviewVersionReuseTests.WaitUntilDroppedAsync(db, none);
        var changed = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        Assert.Equal((0L, 0L), (none.Ratings, none.RatingSum));
        Assert.Equal((1L, 7L), (rated.Ratings, rated.RatingSum));
        Assert.Equal((1L, 8L), (changed.Ratings, changed.RatingSum));
    }

    [Fact]
    public async Task Matches_AnAnswerBuiltAfterARating_OnlyByTheVersionReadSinceIt()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var query = db.Get<ReviewQuery>();
        var lookup = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);
        await db.Get<CommunityRatingStore>().RateAsync(lookup.Version!.ReviewId, 42, 9, CancellationToken.None);
        await ReviewVersionReuseTests.WaitUntilDroppedAsync(db, lookup.Version);
        var rated = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        var answer = Assert.IsType<ReviewAnswer.Found>(await query.AnswerAsync(lookup, CancellationToken.None)).Review;

        // A lookup reads the version alone, and the review is loaded when an answer is built: as it is
        // then, with the rating. The version read before the rating does not vouch for it, so such an
        // answer is not kept under that version; the one read since does.
        Assert.Null(lookup.Preloaded);
        Assert.False(lookup.Version.Matches(answer));
        Assert.True(rated.Version!.Matches(answer));
        Assert.Equal(9.0, answer.Community!.Average);
    }

    [Fact]
    public async Task Lookup_ASeasonWithoutAReview_NoVersion()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var lookup = await db.Get<ReviewQuery>().LookupAsync(new ReviewRequest("frieren", 4, "c1"), CancellationToken.None);

        Assert.Null(lookup.Version);
        Assert.IsType<ReviewAnswer.SeasonNotFound>(await db.Get<ReviewQuery>().AnswerAsync(lookup, CancellationToken.None));
    }
}

public sealed class ReviewVersionTestsOnSqlite : ReviewVersionTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewVersionTestsOnPostgreSql : ReviewVersionTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
