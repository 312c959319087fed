using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class MarkdownReviewParserTests
{
    internal const string Example =
        """
        ---
        show: Frieren
        season: 2
        headline: "Quiet, patient, wonderful"
        verdict: 9/10
        url: https://example.com/reviews/frieren-2
        author: Ana Writer
        published: 2026-01-20
        tags: fantasy
        ---

        ## Episode Guide

        - Episode 1: The Journey Resumes – 4.5/5
        - Episode 2: A Small Village | 4/5
        - Episode 3: Unscored

        ## Review

        The second season keeps its calm. Episode 2 is the quietest of all.

        ## Verdict

        Leave a comment
        """;

    private readonly ReviewParser _parser = new();

    [Fact]
    public void Parse_FrontMatterExample_ReadsEveryField()
    {
        var review = _parser.Parse(Example).Review!;

        Assert.Equal("Frieren", review.ShowTitle);
        Assert.Equal(2, review.Season);
        Assert.Equal("Quiet, patient, wonderful", review.Headline);
        Assert.Equal(new Score(9, 10), review.Verdict);
        Assert.Equal(new Uri("https://example.com/reviews/frieren-2"), review.SourceUrl);
        Assert.Equal("Ana Writer", review.Author);
        Assert.Equal(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), review.Published);
    }

    [Theory]
    [InlineData("2026-01-21", true)]                // today where it is already tomorrow (east of UTC)
    [InlineData("2026-01-21T09:00:00+14:00", true)]
    [InlineData("2026-01-22", false)]
    [InlineData("2206-01-20", false)]
    public void Parse_PublishedDate_IsAcceptedUpToTodayAnywhere(string date, bool accepted)
    {
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 1, 20, 11, 0, 0, TimeSpan.Zero));
        var parser = new ReviewParser(new PlainTextReviewParser(), new MarkdownReviewParser(now));

        var result = parser.Parse(Example.Replace("published: 2026-01-20", $"published: {date}", StringComparison.Ordinal));

        Assert.Equal(accepted, result.Review is not null);
        if (!accepted)
        {
            Assert.Equal(8, result.Line);
            Assert.Equal($"the date \"{date}\" is in the future; expected the day the review was published (today at the latest)", result.Error);
        }
    }

    /// <summary>
    /// An all-numeric date whose first two numbers could each be the month (04/05/2024 is 4 May in
    /// most of the world and April 5 in the US) is refused on its line: read either way it would be a
    /// month wrong for half the writers, and /latest orders reviews by it.
    /// </summary>
    [Theory]
    [InlineData("04/05/2024", "2024-05-04 or 2024-04-05")]
    [InlineData("4/5/2024", "2024-05-04 or 2024-04-05")]
    [InlineData("04-05-2024", "2024-05-04 or 2024-04-05")]
    [InlineData("04.05.2024", "2024-05-04 or 2024-04-05")]
    [InlineData("11/12/2025 10:00", "2025-12-11 or 2025-11-12")]
    [InlineData("04/05/24", "day and month")]
    [InlineData("4/5", "day and month")]
    public void Parse_PublishedDateWithDayAndMonthEitherWayRound_FailsOnItsLine(string date, string readings)
    {
        var result = _parser.Parse(Example.Replace("published: 2026-01-20", $"published: {date}", StringComparison.Ordinal));

        Assert.False(result.Succeeded);
        Assert.Equal(8, result.Line);
        Assert.StartsWith($"the date \"{date}\" is ambiguous", result.Error, StringComparison.Ordinal);
        Assert.Contains(readings, result.Error, StringComparison.Ordinal);
        Assert.Contains("year first (2024-05-04) or the month by name (4 May 2024)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-04", 5, 4)]
    [InlineData("2024/05/04", 5, 4)]
    [InlineData("4 May 2024", 5, 4)]
    [InlineData("May 4, 2024", 5, 4)]
    [InlineData("04/04/2024", 4, 4)]
    [InlineData("2024-05-04T10:00:00+02:00", 5, 4)]
    public void Parse_PublishedDateThatSaysWhichIsTheMonth_IsAccepted(string date, int month, int day)
    {
        var published = _parser.Parse(Example.Replace("published: 2026-01-20", $"published: {date}", StringComparison.Ordinal)).Review!.Published!.Value;

        Assert.Equal((2024, month, day), (published.Year, published.Month, published.Day));
    }

    [Fact]
    public void Parse_FrontMatterExample_ReadsGuideAndBody()
    {
        var review = _parser.Parse(Example).Review!;

        Assert.Equal(
            [new EpisodeEntry(1, "The Journey Resumes", new Score(4.5, 5)), new EpisodeEntry(2, "A Small Village", new Score(4, 5)), new EpisodeEntry(3, "Unscored", null)],
            review.Episodes);
        Assert.Equal("The second season keeps its calm. Episode 2 is the quietest of all.", review.Body);
    }

    [Fact]
    public void Parse_VerdictInBodyInsteadOfFrontMatter_ReadsIt()
    {
        var text = Example.Replace("verdict: 9/10\n", "", StringComparison.Ordinal).Replace("## Verdict", "**Verdict:** 7/10", StringComparison.Ordinal);

        Assert.Equal(new Score(7, 10), _parser.Parse(text).Review!.Verdict);
    }

    /// <summary>
    /// Quoted values as YAML writes them: a quote inside doubled or escaped, a comment after the closing
    /// quote. Read as they were, the quotes and the comment became part of the show's name: another show.
    /// </summary>
    [Theory]
    [InlineData("show: \"Frieren\" # the anime", "show", "Frieren")]
    [InlineData("show: 'Frieren'   # the anime", "show", "Frieren")]
    [InlineData("headline: 'It''s quiet'", "headline", "It's quiet")]
    [InlineData("headline: \"Say \\\"hi\\\"\"", "headline", "Say \"hi\"")]
    [InlineData("headline: \"A \\\\ B\"", "headline", "A \\ B")]
    [InlineData("headline: Unquoted # not a comment in a title", "headline", "Unquoted # not a comment in a title")]
    public void Parse_QuotedFrontMatterValue_IsReadAsYamlReadsIt(string replacement, string key, string expected)
    {
        var original = Example.Split('\n').First(l => l.StartsWith(key + ":", StringComparison.Ordinal));

        var review = _parser.Parse(Example.Replace(original, replacement, StringComparison.Ordinal)).Review!;

        Assert.Equal(expected, key == "show" ? review.ShowTitle : review.Headline);
    }

    /// <summary>A fenced code block is text as written: what looks like an episode or a verdict in it is neither.</summary>
    [Theory]
    [InlineData("```")]
    [InlineData("~~~")]
    public void Parse_CodeBlockAfterTheGuideWithEpisodeAndVerdictLines_IsText(string fence)
    {
        var text = "---\nshow: Show\nseason: 1\nverdict: 8/10\n---\n## Episode Guide\n- Episode 1: Pilot – 3/5\n\n"
            + $"{fence}\nEpisode 2: Second – 1/5\nVerdict: 1/10\n{fence}\n\nSome prose.\n";

        var result = _parser.Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal([1], result.Review!.Episodes.Select(e => e.Number));
        Assert.Equal(new Score(8, 10), result.Review.Verdict);
        Assert.Contains("Verdict: 1/10", result.Review.Body, StringComparison.Ordinal);
        Assert.Contains("Episode 2: Second – 1/5", result.Review.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("season: two", 3, "season: <number>")]
    [InlineData("verdict: great", 5, "is not a score")]
    [InlineData("url: not a url", 6, "http(s)")]
    [InlineData("published: someday", 8, "not a date")]
    public void Parse_BadFrontMatterValue_FailsNamingLineAndExpectation(string replacement, int line, string expected)
    {
        var key = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var original = Example.Split('\n').First(l => l.StartsWith(key + ":", StringComparison.Ordinal));

        var result = _parser.Parse(Example.Replace(original, replacement, StringComparison.Ordinal));

        Assert.False(result.Succeeded);
        Assert.Equal(line, result.Line);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A show title of invisible characters only (zero-width spaces, a word joiner, a soft hyphen) names
    /// no show anyone can read or type: in autocomplete it would be an empty choice.
    /// </summary>
    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2060\u200B\u00AD")]
    [InlineData("\u200E \u200F")]
    public void Parse_ShowTitleOfInvisibleCharactersOnly_FailsOnItsLine(string title)
    {
        var result = _parser.Parse(Example.Replace("show: Frieren", "show: " + title, StringComparison.Ordinal));

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Line);
        // Format characters at the ends of a line are left out, so a title of nothing else is refused as empty.
        Assert.Matches("^the show title (is empty|has no visible character)", result.Error);
    }

    /// <summary>A key given twice is a mistake whichever value was meant: neither is silently dropped (YAML calls it an error too).</summary>
    [Theory]
    [InlineData("show: Gintama", "show")]
    [InlineData("Season: 5", "season")]
    [InlineData("tags: comedy", "tags")]
    public void Parse_FrontMatterKeyGivenTwice_FailsOnTheSecondNamingTheFirst(string again, string key)
    {
        var text = Example.Replace("---\n\n## Episode Guide", again + "\n---\n\n## Episode Guide", StringComparison.Ordinal);

        var result = _parser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(10, result.Line);
        var first = Array.FindIndex(Example.Split('\n'), l => l.StartsWith(key + ":", StringComparison.Ordinal)) + 1;
        Assert.Contains($"\"{again[..again.IndexOf(':', StringComparison.Ordinal)]}\" is given twice in the front matter (first on line {first})", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFrontMatter_Fails()
    {
        var result = _parser.Parse("---\nshow: X\nseason: 1\n");

        Assert.False(result.Succeeded);
        Assert.Contains("not closed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FrontMatterWithoutShow_IsNotAReview()
    {
        var result = _parser.Parse("---\ntitle: My blog post\n---\n\nHello.");

        Assert.True(result.NotAReview);
    }
}
