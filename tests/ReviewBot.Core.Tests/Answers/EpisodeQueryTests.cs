using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Answers;

public sealed class EpisodeQueryTests
{
    [Fact]
    public async Task AskAsync_EpisodeNineOfSample_TitleScoreAndSentence()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, "metallic-rouge", null, "c1"), CancellationToken.None);

        var found = Assert.IsType<EpisodeAnswer.Found>(answer);
        Assert.Equal(new EpisodeEntry(9, "The Ones Who Visited", new Score(3, 5)), found.Episode);
        var mention = Assert.Single(found.Mentions);
        Assert.Contains("episode nine", mention, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_OutOfRange_SaysWhichEpisodesExist()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(14, "metallic rouge", null, "c1"), CancellationToken.None);

        Assert.Equal(new EpisodeAnswer.OutOfRange(new ShowRef("Metallic Rouge", "metallic-rouge"), 1, 14, 1, 13), answer);
    }

    [Fact]
    public async Task AskAsync_NoShowOnlyOneHasEpisode_UsesThatShow()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, null, null, "fresh-channel"), CancellationToken.None);

        Assert.Equal("metallic-rouge", Assert.IsType<EpisodeAnswer.Found>(answer).Show.Slug);
    }

    [Fact]
    public async Task AskAsync_NoShowSeveralHaveEpisode_AsksWhichMostRecentFirst()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);
        db.Time.Advance(TimeSpan.FromDays(1));
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(2, null, null, "fresh-channel"), CancellationToken.None);

        var which = Assert.IsType<EpisodeAnswer.WhichShow>(answer);
        Assert.Equal(["frieren", "metallic-rouge"], which.Candidates.Select(c => c.Show.Slug));
    }

    [Fact]
    public async Task AskAsync_NoShowAfterReviewInSameChannel_UsesChannelShow()
    {
        await using var db = await TestDatabase.CreateAsync();
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
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await db.Get<ReviewQuery>().AskAsync(new ReviewRequest("frieren", null, "c"), CancellationToken.None);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, null, null, "c"), CancellationToken.None);

        Assert.Equal("frieren", Assert.IsType<EpisodeAnswer.OutOfRange>(answer).Show.Slug);
    }

    [Fact]
    public async Task AskAsync_NobodyHasEpisode_NoSuchEpisode()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(40, null, null, "c"), CancellationToken.None);

        Assert.IsType<EpisodeAnswer.NoSuchEpisode>(answer);
    }

    [Fact]
    public async Task AskAsync_UnknownShowTypo_Suggests()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportAsync(TestDatabase.SampleText);

        var answer = await db.Get<EpisodeQuery>().AskAsync(new EpisodeRequest(9, "metalic rouge", null, "c"), CancellationToken.None);

        Assert.Equal("Metallic Rouge", Assert.Single(Assert.IsType<EpisodeAnswer.ShowNotFound>(answer).Suggestions).Title);
    }
}
