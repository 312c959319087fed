using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class PlainTextReviewParserTests
{
    private static readonly (string Title, double Score)[] SampleEpisodes =
    [
        ("Crimson Is The Sound of Dawn", 3), ("Wander In The Labyrinth", 3.5), ("Marginal City", 3.5),
        ("Freedom and Phantoms", 3.5), ("Carnival Dances With Lost Memories", 2.5), ("Nameless Guest", 3),
        ("Appropriate Gear", 2.5), ("Nowhere House", 3), ("The Ones Who Visited", 3), ("Family Protrait", 3),
        ("Target Planet", 3.5), ("Masked Graveyard", 3), ("Code Eve", 2.5),
    ];

    private readonly ReviewParser _parser = new();

    [Fact]
    public void Parse_Sample_ReadsTitleBlockAndVerdict()
    {
        var review = _parser.Parse(TestDatabase.SampleText).Review!;

        Assert.Equal("Metallic Rouge", review.ShowTitle);
        Assert.Equal(1, review.Season);
        Assert.Equal("A sci-fi anime that loses its way", review.Headline);
        Assert.Equal(new Score(6, 10), review.Verdict);
    }

    [Fact]
    public void Parse_Sample_ReadsAllThirteenEpisodesExactly()
    {
        var review = _parser.Parse(TestDatabase.SampleText).Review!;

        Assert.Equal(13, review.Episodes.Count);
        for (var i = 0; i < SampleEpisodes.Length; i++)
        {
            Assert.Equal(i + 1, review.Episodes[i].Number);
            Assert.Equal(SampleEpisodes[i].Title, review.Episodes[i].Title);
            Assert.Equal(new Score(SampleEpisodes[i].Score, 5), review.Episodes[i].Score);
        }
    }

    [Fact]
    public void Parse_SampleTitlesEndingInNonBreakingSpace_AreTrimmed()
    {
        Assert.Contains("Marginal City\u00A0", TestDatabase.SampleText, StringComparison.Ordinal);

        var review = _parser.Parse(TestDatabase.SampleText).Review!;

        Assert.Equal("Marginal City", review.Episodes[2].Title);
        Assert.Equal("Masked Graveyard", review.Episodes[11].Title);
    }

    [Fact]
    public void Parse_Sample_BodyHasProseWithoutGuideVerdictOrBoilerplate()
    {
        var body = _parser.Parse(TestDatabase.SampleText).Review!.Body;

        Assert.StartsWith("Bones Studios may not get much spotlight nowadays", body, StringComparison.Ordinal);
        Assert.EndsWith("to scratch that itch.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Feel Free To Check Out", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave a comment", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Verdict", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Review Score", body, StringComparison.Ordinal);
        Assert.DoesNotContain('\u00A0', body);
    }

    [Theory]
    [InlineData("Episode 1: Pilot -| Review Score – 3/5", 1, "Pilot", 3.0, 5.0)]
    [InlineData("Episode 1: Pilot - Review Score - 3/5", 1, "Pilot", 3.0, 5.0)]
    [InlineData("Episode 1: Pilot — Review Score — 3/5", 1, "Pilot", 3.0, 5.0)]
    [InlineData("Episode 1: Pilot | Review Score: 3/5", 1, "Pilot", 3.0, 5.0)]
    [InlineData("Episode 1 – Pilot – 3.5/5", 1, "Pilot", 3.5, 5.0)]
    [InlineData("Episode 1: Pilot – Score 3,5 / 5", 1, "Pilot", 3.5, 5.0)]
    [InlineData("Episode  1 :  Pilot\u00A0\u00A0 -|  Review  Score –  4/5", 1, "Pilot", 4.0, 5.0)]
    [InlineData("• Episode 12: Time-Travel: Part 2 -| Review Score – 2.5/5", 12, "Time-Travel: Part 2", 2.5, 5.0)]
    [InlineData("- Episode 7: Pilot (3/5)", 7, "Pilot", 3.0, 5.0)]
    [InlineData("episode 2: lowercase - review score - 1/5", 2, "lowercase", 1.0, 5.0)]
    [InlineData("Episode 3: Perfect Score – 4/5", 3, "Perfect Score", 4.0, 5.0)]
    public void Parse_EpisodeLineVariant_ReadsNumberTitleAndScore(string line, int number, string title, double score, double scale)
    {
        var review = _parser.Parse(Article(line)).Review;

        Assert.NotNull(review);
        var episode = Assert.Single(review.Episodes);
        Assert.Equal(new EpisodeEntry(number, title, new Score(score, scale)), episode);
    }

    [Theory]
    [InlineData("Episode 1: Pilot")]
    [InlineData("Episode 1: Pilot -| Review Score –")]
    public void Parse_EpisodeWithoutScore_HasNullScore(string line)
    {
        var episode = Assert.Single(_parser.Parse(Article(line)).Review!.Episodes);

        Assert.Equal(1, episode.Number);
        Assert.Equal("Pilot", episode.Title);
        Assert.Null(episode.Score);
    }

    [Theory]
    [InlineData("Verdict - 6/10", 6.0, 10.0)]
    [InlineData("Verdict: 6/10", 6.0, 10.0)]
    [InlineData("Verdict – 6 / 10", 6.0, 10.0)]
    [InlineData("Verdict — 7.5/10", 7.5, 10.0)]
    [InlineData("  • Verdict - 6/10", 6.0, 10.0)]
    [InlineData("* Verdict | 8/10", 8.0, 10.0)]
    [InlineData("Final Verdict: 9/10", 9.0, 10.0)]
    [InlineData("\u00A0Verdict\u00A0-\u00A06/10\u00A0", 6.0, 10.0)]
    public void Parse_VerdictVariant_ReadsVerdict(string line, double score, double scale)
    {
        var review = _parser.Parse(Article("Episode 1: Pilot – 3/5", verdict: line)).Review!;

        Assert.Equal(new Score(score, scale), review.Verdict);
    }

    [Theory]
    [InlineData("Metallic Rouge Season 1 Review – A headline", "Metallic Rouge", 1, "A headline")]
    [InlineData("Metallic Rouge Season 1 Review - A headline", "Metallic Rouge", 1, "A headline")]
    [InlineData("Metallic Rouge Season 2 Review — A headline", "Metallic Rouge", 2, "A headline")]
    [InlineData("Metallic Rouge Season 1 Review | A headline", "Metallic Rouge", 1, "A headline")]
    [InlineData("Metallic Rouge Season 1 Review: A headline", "Metallic Rouge", 1, "A headline")]
    [InlineData("Metallic Rouge – Season 1 Review – A headline", "Metallic Rouge", 1, "A headline")]
    [InlineData("Metallic Rouge Season 1 Review", "Metallic Rouge", 1, "")]
    public void Parse_TitleLineVariant_ReadsShowSeasonHeadline(string titleLine, string show, int season, string headline)
    {
        var review = _parser.Parse(Article("Episode 1: Pilot – 3/5", title: titleLine, season: $"Season {season}")).Review!;

        Assert.Equal((show, season, headline), (review.ShowTitle, review.Season, review.Headline));
    }

    [Fact]
    public void Parse_GuideWithBlankLinesThenBodyOpeningWithEpisode_GuideEndsAtProse()
    {
        var text = "Show Season 1 Review – H\n\nEpisode Guide\n\nEpisode 1: Pilot – 3/5\n\nEpisode 2: Second – 4/5\n\n"
            + "Episode 1 sets up the world with a long and patient opening that not everyone will enjoy.\n\nVerdict - 6/10";

        var review = _parser.Parse(text).Review!;

        Assert.Equal([1, 2], review.Episodes.Select(e => e.Number));
        Assert.StartsWith("Episode 1 sets up the world", review.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindowsLineEndingsAndByteOrderMark_ParsesTheSame()
    {
        var text = "\uFEFF" + TestDatabase.SampleText.Replace("\n", "\r\n", StringComparison.Ordinal);

        var review = _parser.Parse(text).Review!;

        Assert.Equal(13, review.Episodes.Count);
        Assert.Equal("Metallic Rouge", review.ShowTitle);
    }

    [Fact]
    public void Parse_NewsArticle_IsNotAReview()
    {
        var result = _parser.Parse("Studio Bones announces a new series\n\nIt airs next spring.");

        Assert.False(result.Succeeded);
        Assert.True(result.NotAReview);
        Assert.Equal(1, result.Line);
        Assert.Contains("not a review", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GuideWithoutEpisodes_FailsOnTheLineAfterTheHeading()
    {
        var result = _parser.Parse("Show Season 1 Review – Headline\n\nEpisode Guide\n\nSome prose here.");

        Assert.False(result.Succeeded);
        Assert.Equal(5, result.Line);
        Assert.Contains("lists no episodes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateEpisode_FailsNamingTheLine()
    {
        var result = _parser.Parse(Article("Episode 1: A – 3/5\nEpisode 1: B – 3/5"));

        Assert.False(result.Succeeded);
        Assert.Equal(7, result.Line);
        Assert.Contains("episode 1 is listed twice", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScoreAboveScale_Fails()
    {
        var result = _parser.Parse(Article("Episode 1: Pilot – 7/5"));

        Assert.False(result.Succeeded);
        Assert.Equal(6, result.Line);
        Assert.Contains("7/5", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeasonLineDisagreesWithTitle_Fails()
    {
        var result = _parser.Parse("Show Season 1 Review – H\n\nSeason 2\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\n");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Line);
    }

    /// <summary>
    /// A season line written with a colon, a hash, a bullet or a heading mark says a season as plainly
    /// as "Season 2": one that disagrees with the title was passed over, and the review stored under the
    /// title's season without a word about the other.
    /// </summary>
    [Theory]
    [InlineData("Season: 2")]
    [InlineData("Season 2:")]
    [InlineData("Season #2")]
    [InlineData("Season - 2")]
    [InlineData("Season 2 Review")]
    [InlineData("• Season 2")]
    [InlineData("## Season 2")]
    public void Parse_SeasonLineInAnotherFormThatDisagreesWithTheTitle_FailsOnItsLine(string line)
    {
        var result = _parser.Parse($"Show Season 1 Review – H\n\n{line}\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\n");

        Assert.False(result.Succeeded, "accepted");
        Assert.Equal(3, result.Line);
        Assert.Contains("Season 1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Season: 1")]
    [InlineData("• Season 01:")]
    [InlineData("Season 1 Review")]
    public void Parse_SeasonLineInAnotherFormThatAgrees_IsAccepted(string line)
    {
        var result = _parser.Parse($"Show Season 1 Review – H\n\n{line}\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\n");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, result.Review!.Season);
    }

    private static string Article(string episodes, string verdict = "Verdict - 6/10", string title = "Test Show Season 1 Review – A headline", string season = "Season 1") =>
        $"{title}\n\n{season}\n\nEpisode Guide\n{episodes}\n\nSome prose about the show. It was fine.\n\n{verdict}\n\nLeave a comment";
}
