using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// The episode guide ends at the first line that is not an episode line, where the review's text
/// begins. A line that is not an episode line with more episode lines after it is inside the guide,
/// not its end: reading it as the end would turn the rest of the guide into text without a word, so
/// it is refused on its line.
/// </summary>
public sealed class EpisodeGuideEndTests
{
    [Theory]
    [InlineData("txt", "Episdoe 2: Wander – 3/5")]
    [InlineData("txt", "Part 2")]
    [InlineData("txt", "Episode Two: Wander – 3/5")]
    [InlineData("md", "Ep. 2: Wander – 3/5")]
    [InlineData("feed", "Episdoe 2: Wander – 3/5")]
    public void Parse_LineInsideTheGuideThatIsNoEpisode_IsRefusedOnItsLine(string format, string stray)
    {
        var (text, strayLine) = Document(format, ["Episode 1: Crimson – 3/5", stray, "Episode 3: Marginal – 3/5"]);

        var result = new ReviewParser().Parse(text);

        Assert.False(result.Succeeded);
        Assert.False(result.NotAReview);
        Assert.Equal(strayLine, result.Line);
        Assert.Contains(stray, result.Error, StringComparison.Ordinal);
        Assert.Contains("episode guide", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("txt")]
    [InlineData("md")]
    [InlineData("feed")]
    public void Parse_TextAfterTheGuide_EndsItEvenWhenAParagraphLaterOpensWithAnEpisode(string format)
    {
        var (text, _) = Document(
            format,
            ["Episode 1: Crimson – 3/5", "Episode 2: Wander – 3/5"],
            "Bones Studios may not get much spotlight nowadays.",
            "Episode 2 was the best of the season by a long way, and the rest never matched it.");

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal([1, 2], result.Review!.Episodes.Select(e => e.Number));
        Assert.StartsWith("Bones Studios", result.Review.Body, StringComparison.Ordinal);
        Assert.Contains("Episode 2 was the best", result.Review.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// A short paragraph that opens with an episode's number is the text, not another entry: read as
    /// one it was an episode listed twice (the review refused) or an episode the guide does not have.
    /// </summary>
    [Theory]
    [InlineData("txt", "Episode 1 was a great start.")]
    [InlineData("txt", "Episode 3 is where it all changes")]
    [InlineData("feed", "Episode 2 was the best of them.")]
    [InlineData("md", "Episode 2 was the best of them.")]
    public void Parse_ShortParagraphOpeningWithAnEpisodeNumber_IsTheText(string format, string paragraph)
    {
        var (text, _) = Document(format, ["Episode 1: Crimson – 3/5", "Episode 2: Wander – 3/5"], paragraph, "More prose.");

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal([1, 2], result.Review!.Episodes.Select(e => e.Number));
        Assert.StartsWith(paragraph, result.Review.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParagraphOpeningWithAnEpisodeNumberDirectlyUnderTheGuide_IsTheText()
    {
        var text = "Show Season 1 Review – H\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\nEpisode 2: Second – 4/5\nEpisode 3 is where it all changes.\n\nVerdict - 6/10\n";

        var review = new ReviewParser().Parse(text).Review!;

        Assert.Equal([1, 2], review.Episodes.Select(e => e.Number));
        Assert.Equal("Episode 3 is where it all changes.", review.Body);
    }

    [Theory]
    [InlineData("Episode 2", "")]
    [InlineData("Episode 2 “Wander”", "“Wander”")]
    [InlineData("Episode 2 (Wander)", "(Wander)")]
    [InlineData("Episode 2 Wander 3/5", "Wander")]
    [InlineData("Episode 2 Wander – 3/5", "Wander")]
    [InlineData("Episode #2 – Wander", "Wander")]
    [InlineData("Episode 2. Wander", "Wander")]
    public void Parse_EpisodeLineWithoutAColonAfterItsNumber_IsStillAnEntry(string line, string title)
    {
        var (text, _) = Document("txt", ["Episode 1: Crimson – 3/5", line, "Episode 3: Marginal – 3/5"]);

        var review = new ReviewParser().Parse(text).Review!;

        Assert.Equal([1, 2, 3], review.Episodes.Select(e => e.Number));
        Assert.Equal(title, review.Episodes[1].Title);
    }

    [Fact]
    public void Parse_TextDirectlyUnderTheLastEpisode_EndsTheGuide()
    {
        var text = "Show Season 1 Review – H\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\nEpisode 2: Second – 4/5\nIt was fine.\n\nVerdict - 6/10\n";

        var review = new ReviewParser().Parse(text).Review!;

        Assert.Equal([1, 2], review.Episodes.Select(e => e.Number));
        Assert.Equal("It was fine.", review.Body);
    }

    [Fact]
    public void Parse_MarkdownReviewHeadingThenAShortEpisodeLine_IsTheText()
    {
        var text = "---\nshow: Show\nseason: 1\n---\n\n## Episode Guide\n- Episode 1: Pilot – 3/5\n\n## Review\n\nEpisode 1: a start.\n";

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal("Episode 1: a start.", result.Review!.Body);
    }

    /// <summary>The document in its format, and the 1-based line of the guide's second entry in it.</summary>
    private static (string Text, int SecondEntryLine) Document(string format, string[] guide, params string[] body)
    {
        body = body.Length == 0 ? ["It was fine."] : body;
        switch (format)
        {
            case "txt":
                return ("Show Season 1 Review – Headline\n\nEpisode Guide\n" + string.Join("\n", guide)
                    + "\n\n" + string.Join("\n\n", body) + "\n\nVerdict - 6/10\n", 5);
            case "md":
                return ("---\nshow: Show\nseason: 1\n---\n\n## Episode Guide\n" + string.Concat(guide.Select(line => "- " + line + "\n"))
                    + "\n## Review\n\n" + string.Join("\n\n", body) + "\n", 8);
            default:
                var html = "<h2>Episode Guide</h2>" + string.Concat(guide.Select(line => $"<p>{line}</p>"))
                    + string.Concat(body.Select(paragraph => $"<p>{paragraph}</p>")) + "<p>Verdict – 6/10</p>";
                var item = new FeedItem("https://reviews.example/show/", "Show Season 1 Review – Headline", null, html, null);
                var text = new FeedItemConverter(new HtmlToText()).Convert("https://reviews.example/feed", item).Document.Text;
                var lines = text.Split('\n');
                return (text, Array.FindIndex(lines, line => line == guide[1]) + 1);
        }
    }
}
