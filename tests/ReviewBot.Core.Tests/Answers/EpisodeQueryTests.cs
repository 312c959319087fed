using ReviewBot.Core.Storage;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Answers;

public abstract class EpisodeQueryTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task AskAsync_EpisodeNineOfSample_TitleScoreAndSentence()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, "metallic-rouge", null, "c1"), CancellationToken.None);

        var found = Assert.IsType<EpisodeAnswer.Found>(answer);
        Assert.Equal(new EpisodeEntry(9, "The Ones Who Visited", new Score(3, 5)), found.Episode);
        var mention = Assert.Single(found.Mentions);
        Assert.Contains("episode nine", mention, StringComparison.Ordinal);
    }

    /// <summary>The neighbours come from the guide itself, so a guide that skips a number (a recap left out) skips it too.</summary>
    [Fact]
    public async Task AskAsync_Found_NamesTheGuidesPreviousAndNextEpisodes()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(
            "Skipper Season 1 Review – Gaps\n\nEpisode Guide\nEpisode 1: One – 3/5\nEpisode 2: Two – 3/5\nEpisode 4: Four – 4/5\n\nFine.\n\nVerdict - 7/10\n",
            "skipper.txt");
        var query = db.Get<EpisodeQuery>();

        var middle = Assert.IsType<EpisodeAnswer.Found>(await query.AskAsync(new EpisodeRequest(2, "skipper", null, "c1"), CancellationToken.None));
        var first = Assert.IsType<EpisodeAnswer.Found>(await query.AskAsync(new EpisodeRequest(1, "skipper", null, "c1"), CancellationToken.None));
        var last = Assert.IsType<EpisodeAnswer.Found>(await query.AskAsync(new EpisodeRequest(4, "skipper", null, "c1"), CancellationToken.None));

        Assert.Equal((1, 4), (middle.Previous, middle.Next));
        Assert.Equal((null, 2), (first.Previous, first.Next));
        Assert.Equal((2, null), (last.Previous, last.Next));
    }

    [Fact]
    public async Task AskAsync_OutOfRange_SaysWhichEpisodesExist()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(14, "metallic rouge", null, "c1"), CancellationToken.None);

        Assert.Equal(new EpisodeAnswer.OutOfRange(new ShowRef("Metallic Rouge", "metallic-rouge"), 1, 14, 1, 13), answer);
    }

    [Fact]
    public async Task AskAsync_NoShowOnlyOneHasEpisode_UsesThatShow()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, null, null, "fresh-channel"), CancellationToken.None);

        Assert.Equal("metallic-rouge", Assert.IsType<EpisodeAnswer.Found>(answer).Show.Slug);
    }

    [Fact]
    public async Task AskAsync_NoShowSeveralHaveEpisode_AsksWhichMostRecentFirst()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        db.Time.Advance(TimeSpan.FromDays(1));
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(2, null, null, "fresh-channel"), CancellationToken.None);

        var which = Assert.IsType<EpisodeAnswer.WhichShow>(answer);
        Assert.Equal(["frieren", "metallic-rouge"], which.Candidates.Select(c => c.Show.Slug));
    }

    /// <summary>
    /// Any member can ask for episode 1 without a show: what that reads must be bounded by what the
    /// answer shows (a menu of 25), not by how many reviews the store holds.
    /// </summary>
    [Fact]
    public async Task AskAsync_NoShowMoreHaveEpisodeThanTheMenuHolds_ReadsTheNewestAndCountsTheRest()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        for (var i = 0; i < 30; i++)
        {
            db.Time.Advance(TimeSpan.FromMinutes(1));
            await db.ImportAsync(AnswerTestData.Review($"Show {i:D2}", 1 + (i % 2), 2), $"show-{i}.txt");
        }

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(1, null, null, "fresh-channel"), CancellationToken.None);

        var which = Assert.IsType<EpisodeAnswer.WhichShow>(answer);
        Assert.Equal(Enumerable.Range(5, 25).Reverse().Select(i => $"show-{i:D2}"), which.Candidates.Select(c => c.Show.Slug));
        Assert.Equal(Enumerable.Range(5, 25).Reverse().Select(i => 1 + (i % 2)), which.Candidates.Select(c => c.Season));
        Assert.Equal(30, which.Total);
    }

    [Fact]
    public async Task AskAsync_NoShowAfterReviewInSameChannel_UsesChannelShow()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await db.Get<ReviewQuery>().AskAsync(new ReviewRequest("frieren", null, "channel-a"), CancellationToken.None);

        var inA = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(2, null, null, "channel-a"), CancellationToken.None);
        var inB = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(2, null, null, "channel-b"), CancellationToken.None);

        Assert.Equal("frieren", Assert.IsType<EpisodeAnswer.Found>(inA).Show.Slug);
        Assert.IsType<EpisodeAnswer.WhichShow>(inB);
    }

    [Fact]
    public async Task AskAsync_ChannelShowLacksEpisode_OutOfRangeForThatShow()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await db.Get<ReviewQuery>().AskAsync(new ReviewRequest("frieren", null, "c"), CancellationToken.None);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, null, null, "c"), CancellationToken.None);

        Assert.Equal("frieren", Assert.IsType<EpisodeAnswer.OutOfRange>(answer).Show.Slug);
    }

    [Fact]
    public async Task AskAsync_NobodyHasEpisode_NoSuchEpisode()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(40, null, null, "c"), CancellationToken.None);

        Assert.IsType<EpisodeAnswer.NoSuchEpisode>(answer);
    }

    [Fact]
    public async Task AskAsync_UnknownShowTypo_Suggests()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, "metalic rouge", null, "c"), CancellationToken.None);

        Assert.Equal("Metallic Rouge", Assert.Single(Assert.IsType<EpisodeAnswer.ShowNotFound>(answer).Suggestions).Title);
    }
}

public sealed class EpisodeQueryTestsOnSqlite : EpisodeQueryTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class EpisodeQueryTestsOnPostgreSql : EpisodeQueryTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
