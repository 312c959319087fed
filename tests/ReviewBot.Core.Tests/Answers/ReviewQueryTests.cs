using ReviewBot.Core.Storage;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Answers;

public abstract class ReviewQueryTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Theory]
    [InlineData("metallic-rouge")]
    [InlineData("Metallic Rouge")]
    [InlineData("METALLIC ROUGE")]
    public async Task AskAsync_SlugOrTitle_ReturnsTheSampleReview(string show)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<ReviewQuery>().AskAsync(new ReviewRequest(show, null, "c1"), CancellationToken.None);

        var review = Assert.IsType<ReviewAnswer.Found>(answer).Review;
        Assert.Equal(new ShowRef("Metallic Rouge", "metallic-rouge"), review.Show);
        Assert.Equal(1, review.Season);
        Assert.Equal("A sci-fi anime that loses its way", review.Headline);
        Assert.Equal(new Score(6, 10), review.Verdict);
        Assert.Equal(new Score(3.0, 5), review.AverageEpisodeScore);
        Assert.Equal([2, 3, 4, 11], review.Best.Select(e => e.Number));
        Assert.Equal([5, 7, 13], review.Worst.Select(e => e.Number));
        Assert.Equal(13, review.Episodes.Count);
        Assert.NotEmpty(review.Summary);
    }

    [Theory]
    [InlineData("metalic rouge")]
    [InlineData("rouge")]
    [InlineData("metallic")]
    [InlineData("Metalic Ruge")]
    public async Task AskAsync_TypoOrPartialTitle_SuggestsClosestTitle(string show)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var answer = await db.Get<ReviewQuery>().AskAsync(new ReviewRequest(show, null, "c1"), CancellationToken.None);

        var notFound = Assert.IsType<ReviewAnswer.ShowNotFound>(answer);
        Assert.Equal("Metallic Rouge", notFound.Suggestions[0].Title);
        Assert.DoesNotContain(notFound.Suggestions, s => s.Title == "Frieren");
    }

    [Fact]
    public async Task AskAsync_NothingLikeIt_NotFoundWithoutSuggestions()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<ReviewQuery>().AskAsync(new ReviewRequest("zzzz qqqq", null, "c1"), CancellationToken.None);

        Assert.Empty(Assert.IsType<ReviewAnswer.ShowNotFound>(answer).Suggestions);
    }

    [Fact]
    public async Task AskAsync_SeveralSeasons_LatestUnlessGiven()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "s1.txt");
        await db.ImportAsync(AnswerTestData.Review("Frieren", 2, 4), "s2.txt");
        var query = db.Get<ReviewQuery>();

        var latest = await query.AskAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);
        var first = await query.AskAsync(new ReviewRequest("frieren", 1, "c1"), CancellationToken.None);
        var missing = await query.AskAsync(new ReviewRequest("frieren", 5, "c1"), CancellationToken.None);

        Assert.Equal(2, Assert.IsType<ReviewAnswer.Found>(latest).Review.Season);
        Assert.Equal(1, Assert.IsType<ReviewAnswer.Found>(first).Review.Season);
        Assert.Equal([1, 2], Assert.IsType<ReviewAnswer.SeasonNotFound>(missing).AvailableSeasons);
    }
}

public sealed class ReviewQueryTestsOnSqlite : ReviewQueryTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewQueryTestsOnPostgreSql : ReviewQueryTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
