using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// A verdict is read in every form a writer gives it, or refused on its line; it is never left in the
/// text as prose while the review is stored without one, and two verdicts that disagree are not
/// settled by keeping either.
/// </summary>
public sealed class VerdictFormTests
{
    private const int PlainVerdictLine = 8;
    private const int MarkdownBodyVerdictLine = 11;

    private readonly ReviewParser _parser = new();

    [Theory]
    [InlineData("Verdict: 8 out of 10", "8 out of 10", 8.0, 10.0)]
    [InlineData("Verdict – 8.5 out of 10", "8.5 out of 10", 8.5, 10.0)]
    [InlineData("Verdict - 7,5 Out Of 10", "7,5 Out Of 10", 7.5, 10.0)]
    public void Parse_VerdictWrittenOutOf_BothFormatsReadIt(string line, string value, double score, double scale)
    {
        var plain = _parser.Parse(Plain(line));
        var markdown = _parser.Parse(Markdown(verdict: value));

        Assert.Equal(new Score(score, scale), plain.Review?.Verdict);
        Assert.DoesNotContain("Verdict", plain.Review!.Body, StringComparison.Ordinal);
        Assert.Equal(new Score(score, scale), markdown.Review?.Verdict);
    }

    [Theory]
    [InlineData("Verdict: 8/10 – a must watch", "8/10 – a must watch")]
    [InlineData("Verdict: 8/10 (Great)", "8/10 (Great)")]
    [InlineData("Verdict - 4/5 stars", "4/5 stars")]
    [InlineData("Verdict: 8 out of 10, would watch again", "8 out of 10, would watch again")]
    public void Parse_VerdictLineWithAScoreAndWordsAfterIt_BothFormatsRefuseItOnItsLine(string line, string value)
    {
        var plain = _parser.Parse(Plain(line));
        var markdown = _parser.Parse(Markdown(verdict: value));

        AssertRefused(plain, PlainVerdictLine, "not a score");
        AssertRefused(markdown, 4, "not a score");
    }

    [Theory]
    [InlineData("Verdict: a fun ride that never lets up, even when it should.")]
    [InlineData("Verdict: 2 episodes in, I was hooked.")]
    public void Parse_VerdictLineThatIsASentence_StaysInTheText(string line)
    {
        var review = _parser.Parse(Plain(line)).Review!;

        Assert.Null(review.Verdict);
        Assert.Contains(line, review.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Verdict: 8/10")]
    [InlineData("### Verdict – 8/10")]
    [InlineData("> Verdict: 8/10")]
    [InlineData("> **Verdict:** 8/10")]
    public void Parse_VerdictAsAMarkdownHeadingOrQuote_IsTheVerdict(string line)
    {
        var review = _parser.Parse(Markdown(verdict: "", bodyVerdict: line)).Review!;

        Assert.Equal(new Score(8, 10), review.Verdict);
        Assert.DoesNotContain("Verdict", review.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Verdict\n\n8/10")]
    [InlineData("## Verdict\n8 out of 10")]
    [InlineData("**Verdict**\n\n8/10")]
    public void Parse_ScoreUnderAVerdictHeading_IsTheVerdict(string lines)
    {
        var review = _parser.Parse(Markdown(verdict: "", bodyVerdict: lines)).Review!;

        Assert.Equal(new Score(8, 10), review.Verdict);
        Assert.Equal("Some prose about the show.", review.Body);
    }

    [Fact]
    public void Parse_PlainScoreUnderAVerdictLine_IsTheVerdict()
    {
        var review = _parser.Parse(Plain("Verdict:\n8/10")).Review!;

        Assert.Equal(new Score(8, 10), review.Verdict);
        Assert.Equal("Some prose about the show.", review.Body);
    }

    [Fact]
    public void Parse_ProseUnderAVerdictHeading_StaysTheText()
    {
        var review = _parser.Parse(Markdown(verdict: "", bodyVerdict: "## Verdict\n\nIt was fine, 8 episodes of it.")).Review!;

        Assert.Null(review.Verdict);
        Assert.EndsWith("It was fine, 8 episodes of it.", review.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScoreUnderAVerdictHeadingThatDisagreesWithTheFrontMatter_IsRefusedOnItsLine()
    {
        var result = _parser.Parse(Markdown(verdict: "9/10", bodyVerdict: "## Verdict\n\n6/10"));

        AssertRefused(result, MarkdownBodyVerdictLine + 2, "line 4");
    }

    [Fact]
    public void Parse_TwoVerdictLinesThatDisagree_IsRefusedOnTheSecondNamingTheFirst()
    {
        var result = _parser.Parse(Plain("Verdict - 8/10\n\nMore prose after it.\n\nVerdict - 5/10"));

        AssertRefused(result, PlainVerdictLine + 4, "line 8");
    }

    [Theory]
    [InlineData("9/10", "Verdict: 6/10")]
    [InlineData("N/A", "Verdict: 6/10")]
    [InlineData("6/10", "Verdict: N/A")]
    public void Parse_FrontMatterVerdictAndABodyVerdictThatDisagree_IsRefusedOnTheBodyLine(string field, string line)
    {
        var result = _parser.Parse(Markdown(verdict: field, bodyVerdict: line));

        AssertRefused(result, MarkdownBodyVerdictLine, "line 4");
    }

    [Theory]
    [InlineData("Verdict - 6/10\nVerdict: 6.0 / 10", "6/10")]
    [InlineData("Verdict - 6/10\nVerdict: 6 out of 10", "6/10")]
    public void Parse_TheSameVerdictTwice_IsTheVerdict(string lines, string verdict)
    {
        var review = _parser.Parse(Plain(lines)).Review!;

        Assert.Equal(verdict, review.Verdict!.ToString());
        Assert.Equal(new Score(6, 10), _parser.Parse(Markdown(verdict: "6/10", bodyVerdict: "Verdict: 6/10")).Review!.Verdict);
    }

    [Theory]
    [InlineData("Episode 2: Second – 3 out of 5")]
    [InlineData("Episode 2: Second -| Review Score – 3 out of 5")]
    [InlineData("Episode 2: Second (3 out of 5)")]
    public void Parse_EpisodeScoreWrittenOutOf_IsItsScore(string line)
    {
        foreach (var text in new[] { Plain("Verdict - 6/10", line), Markdown(verdict: "6/10", episode: line) })
        {
            var review = _parser.Parse(text).Review;

            Assert.NotNull(review);
            Assert.Equal(new EpisodeEntry(2, "Second", new Score(3, 5)), review.Episodes[1]);
        }
    }

    private static void AssertRefused(ParseResult result, int line, string expected)
    {
        Assert.False(result.Succeeded, $"accepted: {result.Review}");
        Assert.False(result.NotAReview);
        Assert.Equal(line, result.Line);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private static string Plain(string verdict, string episode = "Episode 2: Second – 3/5") =>
        $"Show Season 1 Review – A headline\n\nEpisode Guide\nEpisode 1: First – 3/5\n{episode}\n\nSome prose about the show.\n{verdict}\n";

    private static string Markdown(string verdict, string? bodyVerdict = null, string episode = "Episode 2: Second – 3/5") =>
        $"---\nshow: Show\nseason: 1\nverdict: {verdict}\n---\n## Episode Guide\n- Episode 1: First – 3/5\n- {episode}\n"
        + $"## Review\nSome prose about the show.\n{bodyVerdict}\n";
}
