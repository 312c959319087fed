using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// Values a hostile or careless writer puts in a review, in both formats. Each refusal is a parse
/// error naming its line (never an exception), and the two formats agree.
/// </summary>
public sealed class HostileValueTests
{
    private readonly ReviewParser _parser = new();

    public static TheoryData<string, string> BadEpisodeLines => new()
    {
        // A negative number mid-guide must not end the guide (the rest would become the body).
        { "Episode -2: Second – 3/5", "negative" },
        { "Episode 99999999999: Second – 3/5", "out of range" },
        { "Episode 2147483648: Second – 3/5", "out of range" },
        { "Episode ٢: Second – 3/5", "digits 0-9" },
        { "Episode ２: Second – 3/5", "digits 0-9" },
        { "Episode 0: Second – 3/5", "out of range" },
        { "Episode 10001: Second – 3/5", "out of range" },
        { "Episode 2: Second – -1/5", "negative" },
        { "Episode 2: Second -| Review Score – -1/5", "negative" },
        { "Episode 2: Second – 3/-5", "negative" },
        { "Episode 2: Second – 3.555/5", "decimals" },
        { "Episode 2: Second – 6/5", "above its scale" },
        { "Episode 2: Second – 3/0", "scale" },
        { "Episode 2: Second – 3/1000", "scale" },
        { "Episode 2: Second – ٣/٥", "digits 0-9" },
        { "Episode 2: Second – 99999999999999999999/5", "not a score" },
        { "Episode 2: Second -| Review Score – tbd", "not a score" },
        { "Episode 2: Second -| Review Score – ?/5", "not a score" },
        { "Episode 1: Again – 3/5", "listed twice" },
    };

    [Theory]
    [MemberData(nameof(BadEpisodeLines))]
    public void Parse_BadEpisodeLineInTheMiddleOfTheGuide_BothFormatsRefuseItOnItsLine(string line, string expected)
    {
        var guide = new[] { "Episode 1: First – 3/5", line, "Episode 3: Third – 3/5" };

        var plain = _parser.Parse(Plain(guide));
        var markdown = _parser.Parse(Markdown(guide));

        AssertRefused(plain, PlainGuideLine + 1, expected);
        AssertRefused(markdown, MarkdownGuideLine + 1, expected);
    }

    public static TheoryData<string, string, string> BadTitles => new()
    {
        { "– Season 1 Review – A headline", "", "empty" },
        { "Show Season 0 Review – A headline", "0", "out of range" },
        { "Show Season -1 Review – A headline", "-1", "negative" },
        { "Show Season 99999999999 Review – A headline", "99999999999", "out of range" },
        { "Show Season ٣ Review – A headline", "٣", "digits 0-9" },
        { "Show Season ３ Review – A headline", "３", "digits 0-9" },
    };

    [Theory]
    [MemberData(nameof(BadTitles))]
    public void Parse_BadShowOrSeason_BothFormatsRefuseItOnItsLine(string titleLine, string season, string expected)
    {
        var plain = _parser.Parse(Plain(["Episode 1: First – 3/5"], title: titleLine, seasonLine: null));
        var show = titleLine.StartsWith('–') ? "\"\"" : "Show";
        var markdown = _parser.Parse(Markdown(["Episode 1: First – 3/5"], show: show, season: season.Length == 0 ? "1" : season));

        AssertRefused(plain, 1, expected);
        AssertRefused(markdown, show == "\"\"" ? 2 : 3, expected);
    }

    /// <summary>
    /// One line for two episodes: read as an entry it was episode 1 titled "2: Crimson", and episode 2
    /// was missing from the guide without a word.
    /// </summary>
    [Theory]
    [InlineData("Episode 2-3: Second – 3/5")]
    [InlineData("Episode 2–3 – Second – 3/5")]
    [InlineData("Episode 2 & 3: Second – 3/5")]
    [InlineData("Episode 2 and 3: Second")]
    [InlineData("Episode 2, 3: Second – 3/5")]
    public void Parse_OneLineForTwoEpisodes_BothFormatsRefuseItOnItsLine(string line)
    {
        var guide = new[] { "Episode 1: First – 3/5", line };

        AssertRefused(_parser.Parse(Plain(guide)), PlainGuideLine + 1, "one episode per line");
        AssertRefused(_parser.Parse(Markdown(guide)), MarkdownGuideLine + 1, "one episode per line");
    }

    [Theory]
    [InlineData("Episode 2: 24 Hours – 3/5", "24 Hours")]
    [InlineData("Episode 2 – 2 Fast 2 Furious – 3/5", "2 Fast 2 Furious")]
    public void Parse_EpisodeTitleOpeningWithANumber_IsItsTitle(string line, string title)
    {
        var guide = new[] { "Episode 1: First – 3/5", line };

        Assert.Equal(title, _parser.Parse(Plain(guide)).Review!.Episodes[1].Title);
        Assert.Equal(title, _parser.Parse(Markdown(guide)).Review!.Episodes[1].Title);
    }

    [Theory]
    [InlineData("Verdict: -1/10", "negative")]
    [InlineData("Verdict - 11/10", "above its scale")]
    [InlineData("Verdict - ٦/١٠", "digits 0-9")]
    [InlineData("Verdict - 6.125/10", "decimals")]
    [InlineData("Verdict: great", "not a score")]
    public void Parse_BadVerdict_BothFormatsRefuseItOnItsLine(string verdictLine, string expected)
    {
        var value = verdictLine[(verdictLine.IndexOfAny([':', '-']) + 1)..].Trim();

        var plain = _parser.Parse(Plain(["Episode 1: First – 3/5"], verdict: verdictLine));
        var markdown = _parser.Parse(Markdown(["Episode 1: First – 3/5"], verdict: value));

        AssertRefused(plain, PlainVerdictLine, expected);
        AssertRefused(markdown, 4, expected);
    }

    [Theory]
    [InlineData("Episode 2: Second -| Review Score – N/A")]
    [InlineData("Episode 2: Second – Score: n/a")]
    [InlineData("Episode 2: Second – N/A")]
    public void Parse_NotRatedEpisode_HasNoScoreAndNoLabelInItsTitle(string line)
    {
        foreach (var text in new[] { Plain(["Episode 1: First – 3/5", line]), Markdown(["Episode 1: First – 3/5", line]) })
        {
            var review = _parser.Parse(text).Review;

            Assert.NotNull(review);
            Assert.Equal(new EpisodeEntry(2, "Second", null), review.Episodes[1]);
        }
    }

    [Fact]
    public void Parse_NotRatedVerdict_HasNoVerdictInEitherFormat()
    {
        Assert.Null(_parser.Parse(Plain(["Episode 1: First – 3/5"], verdict: "Verdict - N/A")).Review!.Verdict);
        Assert.Null(_parser.Parse(Markdown(["Episode 1: First – 3/5"], verdict: "N/A")).Review!.Verdict);
    }

    [Fact]
    public void Parse_EpisodesOutOfOrderWithTwoDecimals_AreAcceptedAsListed()
    {
        var guide = new[] { "Episode 2: Second – 3.75/5", "Episode 1: First – 3/5" };

        foreach (var text in new[] { Plain(guide), Markdown(guide) })
        {
            var review = _parser.Parse(text).Review;

            Assert.NotNull(review);
            Assert.Equal([new EpisodeEntry(2, "Second", new Score(3.75, 5)), new EpisodeEntry(1, "First", new Score(3, 5))], review.Episodes);
        }
    }

    [Fact]
    public void Parse_ShowTitleOverTheLimit_IsRefusedOnItsLine()
    {
        var show = new string('x', 501);

        AssertRefused(_parser.Parse(Plain(["Episode 1: First – 3/5"], title: show + " Season 1 Review – H")), 1, "characters");
        AssertRefused(_parser.Parse(Markdown(["Episode 1: First – 3/5"], show: show)), 2, "characters");
    }

    /// <summary>
    /// A refused value is quoted cut short; an emoji straddling the cut is left out whole, never halved:
    /// half a surrogate pair is no character, and the message goes on to the console, logs and JSON.
    /// </summary>
    [Fact]
    public void Parse_LongRefusedValueWithAnEmojiAtTheCut_QuotesItWithoutHalfAnEmoji()
    {
        var value = new string('x', 39) + "\U0001F600 and more after it";

        var result = _parser.Parse($"---\nshow: Show\n{value}\n---\n## Review\nSome prose about the show.\n");

        Assert.False(result.Succeeded);
        Assert.Contains(new string('x', 39) + "…", result.Error, StringComparison.Ordinal);
        var wellFormed = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        wellFormed.GetByteCount(result.Error!); // throws on a lone surrogate
    }

    [Fact]
    public void Parse_LongValueWithAnEmojiWhereTheQuoteIsCut_QuotesItWithoutSplittingThePair()
    {
        var value = new string('A', 39) + "\U0001F600B";
        var episode = "Episode 2: Second -| Review Score – " + value;

        var refusals = new[]
        {
            _parser.Parse(Plain(["Episode 1: First – 3/5"], verdict: "Verdict - " + value)),
            _parser.Parse(Markdown(["Episode 1: First – 3/5"], verdict: value)),
            _parser.Parse(Plain(["Episode 1: First – 3/5", episode])),
            _parser.Parse(Markdown(["Episode 1: First – 3/5", episode])),
        };

        Assert.All(refusals, result =>
        {
            Assert.False(result.Succeeded);
            Assert.Contains("AAAA", result.Error, StringComparison.Ordinal);
            Assert.False(HasLoneSurrogate(result.Error!), result.Error);
        });
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    [Theory]
    [InlineData("\0", "U+0000")]
    [InlineData("\u001B[2J", "U+001B")]
    [InlineData("\u007F", "U+007F")]
    [InlineData("\u0085", "U+0085")]
    [InlineData("\u000B", "U+000B")]
    public void Parse_ControlCharacterInTheShowTitle_BothFormatsRefuseItNamingItOnItsLine(string control, string named)
    {
        var plain = _parser.Parse(Plain(["Episode 1: First – 3/5"], title: $"Sh{control}ow Season 1 Review – A headline"));
        var markdown = _parser.Parse(Markdown(["Episode 1: First – 3/5"], show: $"Sh{control}ow"));

        AssertRefused(plain, 1, $"control character {named} at column 3");
        AssertRefused(markdown, 2, $"control character {named} at column 9");
    }

    [Theory]
    [InlineData("Season 2 \u009B2J announced\n\nNo episode guide here.\n")]
    [InlineData("---\ntitle: News\0\n---\nNo show here.\n")]
    public void Parse_TextThatIsNoReviewWithAControlCharacter_IsStillNotAReview(string text)
    {
        var result = _parser.Parse(text);

        Assert.True(result.NotAReview, result.Error);
        Assert.DoesNotContain("control character", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HalfASurrogatePair_BothFormatsRefuseItNamingItOnItsLine()
    {
        var half = new string('\uD83D', 1); // built here: test data passed as text would repair it

        AssertRefused(_parser.Parse(Plain(["Episode 1: First – 3/5", "Episode 2: Second" + half + " – 3/5"])), PlainGuideLine + 1, "half a surrogate pair U+D83D at column 18");
        AssertRefused(_parser.Parse(Markdown(["Episode 1: First – 3/5"], show: "Show" + half)), 2, "half a surrogate pair U+D83D at column 11");
    }

    private const int PlainGuideLine = 6; // 1-based line of the first guide entry in Plain()
    private const int MarkdownGuideLine = 7;
    private const int PlainVerdictLine = 9;

    private static void AssertRefused(ParseResult result, int line, string expected)
    {
        Assert.False(result.Succeeded, $"accepted: {result.Review}");
        Assert.False(result.NotAReview);
        Assert.Equal(line, result.Line);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private static string Plain(string[] guide, string title = "Show Season 1 Review – A headline", string? seasonLine = "Season 1", string verdict = "Verdict - 6/10") =>
        $"{title}\n\n{seasonLine}\n\nEpisode Guide\n{string.Join("\n", guide)}\n\nSome prose about the show.\n{verdict}\n";

    private static string Markdown(string[] guide, string show = "Show", string season = "1", string verdict = "6/10") =>
        $"---\nshow: {show}\nseason: {season}\nverdict: {verdict}\n---\n## Episode Guide\n{string.Join("\n", guide.Select(l => "- " + l))}\n## Review\nSome prose about the show.\n";
}
