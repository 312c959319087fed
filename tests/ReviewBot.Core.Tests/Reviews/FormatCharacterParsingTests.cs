using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Tests.Answers;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// An invisible format character (a zero-width space, a word joiner, a soft hyphen, a direction mark)
/// is read the same way by the plain article, the Markdown front matter and a feed item: never as a
/// space. A show's identity and slug leave such characters out, so a title shown with a space where
/// its identity has none would name another show than the one it looks like.
/// </summary>
public sealed class FormatCharacterParsingTests
{
    public static TheoryData<string, string> FormatCharactersInEveryFormat()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "txt", "md", "feed" })
        {
            foreach (var character in new[] { "\u200B", "\u2060", "\u00AD", "\u200E", "\uFEFF", "\u200B\u200B" })
            {
                data.Add(format, character);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatCharactersInEveryFormat))]
    public void Parse_FormatCharacterInsideAShowTitle_IsNoSpace(string format, string character)
    {
        var written = $"Metallic{character}Rouge";

        var show = ParseShow(format, written);

        Assert.DoesNotContain(' ', show);
        Assert.Equal(ShowTitleKey.From(written), ShowTitleKey.From(show));
        Assert.Equal(Slug.From(written), Slug.From(show));
    }

    /// <summary>A tag character after a zero-width space inside a word is written once, where it was: the run between the two letters is kept whole, in order.</summary>
    [Theory]
    [InlineData("txt")]
    [InlineData("md")]
    [InlineData("feed")]
    public void Parse_TagCharacterAfterAZeroWidthSpaceInsideAWord_IsKeptOnceInPlace(string format)
    {
        var written = "Metallic Rou\u200B\U000E0041ge";

        Assert.Equal(written, ParseShow(format, written));
    }

    [Theory]
    [InlineData("txt", "\u200B")]
    [InlineData("md", "\u200B")]
    [InlineData("feed", "\u200B")]
    [InlineData("txt", "\u2060")]
    [InlineData("md", "\u00AD")]
    [InlineData("feed", "\uFEFF")]
    [InlineData("txt", "\u200D")]
    public void Parse_FormatCharacterBesideASpace_IsLeftOut(string format, string character)
    {
        var show = ParseShow(format, $"{character}Metallic {character}Rouge{character} ");

        Assert.Equal("Metallic Rouge", show);
    }

    [Theory]
    [InlineData("Episode\u200B 1: Crimson – 3/5", 1)]
    [InlineData("Episode 1:\u2060 Crimson\u200B – 3/5", 1)]
    public void Parse_FormatCharacterBesideASpaceInTheGuide_StillReadsTheEpisode(string line, int number)
    {
        var text = AnswerTestData.Review("Metallic Rouge", 1, 0).Replace("Episode Guide\n", "Episode Guide\n" + line + "\n", StringComparison.Ordinal);

        var review = new ReviewParser().Parse(text).Review!;

        Assert.Equal((number, "Crimson"), (review.Episodes[0].Number, review.Episodes[0].Title));
    }

    /// <summary>A direction control orders the text beside it, a space or not: it is kept as written.</summary>
    [Theory]
    [InlineData("txt")]
    [InlineData("md")]
    [InlineData("feed")]
    public void Parse_DirectionControlBesideASpace_IsKept(string format)
    {
        var show = ParseShow(format, "Mirror \u202EDrama\u202C");

        Assert.Equal("Mirror \u202EDrama\u202C", show);
    }

    /// <summary>A zero-width joiner inside an emoji sequence is how the emoji is drawn: it is kept.</summary>
    [Fact]
    public void Parse_JoinerInsideAWord_IsKept()
    {
        var show = ParseShow("txt", "Family \U0001F468\u200D\U0001F469\u200D\U0001F467 Time");

        Assert.Equal("Family \U0001F468\u200D\U0001F469\u200D\U0001F467 Time", show);
    }

    private static string ParseShow(string format, string show)
    {
        var text = format switch
        {
            "txt" => AnswerTestData.Review(show, 1, 2),
            "md" => MarkdownReviewParserTests.Example.Replace("show: Frieren", "show: " + show, StringComparison.Ordinal),
            _ => FeedText(show),
        };

        var result = new ReviewParser().Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Review!.ShowTitle;
    }

    /// <summary>A feed item's title becomes the article's first line, above its HTML made text.</summary>
    private static string FeedText(string show)
    {
        var item = new FeedItem(
            "https://reviews.example/metallic-rouge/",
            $"{show} Season 1 Review – Headline",
            null,
            "<h2>Episode Guide</h2><p>Episode 1: Crimson – 3/5</p><p>Episode 2: Wander – 3.5/5</p><p>It was fine.</p><p>Verdict - 6/10</p>",
            null);
        return new FeedItemConverter(new HtmlToText()).Convert("https://reviews.example/feed", item).Document.Text;
    }
}
