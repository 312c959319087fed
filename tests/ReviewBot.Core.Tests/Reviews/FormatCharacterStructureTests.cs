using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// A line's structure is read as it looks: an invisible format character (a zero-width space, a soft
/// hyphen, a word joiner, a direction mark) inside a keyword, between a keyword and its number or
/// inside a score changes nothing about which line it is, in every format. The text kept for display
/// still holds the character where it was written inside a word.
/// </summary>
public sealed class FormatCharacterStructureTests
{
    public static TheoryData<string, string> FormatsAndCharacters()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "txt", "md", "feed" })
        {
            foreach (var character in new[] { "\u200B", "\u00AD", "\u2060", "\u200E" })
            {
                data.Add(format, character);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndCharacters))]
    public void Parse_FormatCharacterInsideKeywordsAndScores_ReadsEveryLineAsWritten(string format, string c)
    {
        var guide = new[]
        {
            "Episode 1: Crimson – 3/5",
            $"Episode{c}2: Wan{c}der – 3.5/5",
            $"Epi{c}sode 3: Marginal – 3{c}/5",
            $"Episode #4: Freedom -| Review Sco{c}re – 2/{c}5",
            "Episode 5: Nameless – 4/5",
        };

        var result = new ReviewParser().Parse(Document(format, c, $"Metallic{c}Rouge", guide));

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        var review = result.Review!;
        Assert.Equal(
            [(1, "Crimson", 3.0), (2, $"Wan{c}der", 3.5), (3, "Marginal", 3.0), (4, "Freedom", 2.0), (5, "Nameless", 4.0)],
            review.Episodes.Select(e => (e.Number, e.Title, e.Score!.Value)));
        Assert.Equal((1, "Headline"), (review.Season, review.Headline));
        Assert.Equal($"Metallic{c}Rouge", review.ShowTitle);
        Assert.Equal(new Score(6, 10), review.Verdict);
        Assert.Equal("It was fine.", review.Body);
    }

    /// <summary>
    /// An earlier build read a zero-width space as a space, so "Season\u200B1" was a title; it reads
    /// "Season1", which is as plainly the season as "Episode2" is the episode.
    /// </summary>
    [Theory]
    [InlineData("Metallic Rouge Season\u200B1 Review – Headline", "Season 1")]
    [InlineData("Metallic Rouge Season1 Review – Headline", "Season\u20601")]
    [InlineData("Metallic Rouge – Season\u00AD1 – Headline", "")]
    public void Parse_SeasonNumberWithoutASpace_IsTheSeason(string titleLine, string seasonLine)
    {
        var text = $"{titleLine}\n\n{seasonLine}\n\nEpisode Guide\nEpisode 1: Crimson – 3/5\n\nIt was fine.\n";

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal(("Metallic Rouge", 1, "Headline"), (result.Review!.ShowTitle, result.Review.Season, result.Review.Headline));
    }

    /// <summary>
    /// A format character before "Season" is read as if it were not there, as every structural word is:
    /// after a space the title is "Metallic Rouge Season 1"; directly after the show's last word it
    /// is "Metallic RougeSeason 1", which has no "Season" word and is refused exactly as that is (an
    /// earlier build read the zero-width space as a space; a title glued to its keyword is not read as
    /// one, or "Preseason 2 Review" would be the show "Pre").
    /// </summary>
    [Theory]
    [InlineData("Metallic Rouge \u200BSeason 1 Review – Headline", "Metallic Rouge Season 1 Review – Headline")]
    [InlineData("Metallic Rouge\u200B Season 1 Review – Headline", "Metallic Rouge Season 1 Review – Headline")]
    [InlineData("Metallic Rouge\u200BSeason 1 Review – Headline", "Metallic RougeSeason 1 Review – Headline")]
    [InlineData("Metallic Rouge\u2060Season 1 Review – Headline", "Metallic RougeSeason 1 Review – Headline")]
    [InlineData("Metallic Rouge\u00ADSeason 1 Review – Headline", "Metallic RougeSeason 1 Review – Headline")]
    public void Parse_FormatCharacterBeforeSeason_ReadsAsTheTitleWithoutIt(string written, string without)
    {
        static string Document(string title) => $"{title}\n\nEpisode Guide\nEpisode 1: Crimson – 3/5\n\nIt was fine.\n";

        var result = new ReviewParser().Parse(Document(written));
        var expected = new ReviewParser().Parse(Document(without));

        Assert.Equal((expected.Succeeded, expected.Line, expected.Review?.ShowTitle, expected.Review?.Season), (result.Succeeded, result.Line, result.Review?.ShowTitle, result.Review?.Season));
    }

    /// <summary>A title line that cannot be read is quoted in its refusal, as written: the invisible character that keeps "Season" from being a word is shown.</summary>
    [Fact]
    public async Task Import_TitleWithAZeroWidthSpaceGluingSeasonToTheShow_IsRefusedShowingIt()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await db.ImportAsync("Metallic Rouge\u200BSeason 1 Review – Headline\n\nEpisode Guide\nEpisode 1: Crimson – 3/5\n\nIt was fine.\n");

        Assert.Equal((ImportStatus.Rejected, 1), (result.Status, result.Line));
        Assert.Contains("\"Metallic Rouge<U+200B>Season 1 Review – Headline\"", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u00AD")]
    [InlineData("\u2060")]
    public void Parse_SeasonLineWithAFormatCharacterDisagreeingWithTheTitle_IsRefusedOnItsLine(string c)
    {
        var text = $"Metallic Rouge Season{c}1 Review – Headline\n\nSea{c}son{c}2\n\nEpisode Guide\nEpisode 1: Crimson – 3/5\n\nIt was fine.\n";

        var result = new ReviewParser().Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Line);
        Assert.Contains("expected the same season", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u00AD")]
    public void Parse_MarkdownFenceAndKeysWithAFormatCharacter_AreRead(string c)
    {
        var text = $"-{c}--\nshow: Frieren\nsea{c}son: 2\npub{c}lished: 2026-01-01\nau{c}thor: Ana{c}Writer\n--{c}-\n\n## Episode Guide\n- Episode 1: One – 4/5\n\nFine.\n";

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal(2, result.Review!.Season);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Review.Published);
        Assert.Equal($"Ana{c}Writer", result.Review.Author);
    }

    /// <summary>
    /// A direction mark written at the end of a title, before the space that ends it, belongs to the
    /// title: it keeps a right-to-left title's last punctuation with the title ("!" stays left of the
    /// Hebrew word) and opens nothing that would need closing where the title is shown. Keys and slugs
    /// leave it out, so the show is the one without it.
    /// </summary>
    [Theory]
    [InlineData("txt", "Metallic Rouge\u200E", "Metallic Rouge")]
    [InlineData("feed", "Metallic Rouge\u200E", "Metallic Rouge")]
    [InlineData("md", "Metallic Rouge\u200E", "Metallic Rouge")]
    [InlineData("txt", "\u05E9\u05DC\u05D5\u05DD!\u200F", "\u05E9\u05DC\u05D5\u05DD!")]
    public void Parse_DirectionMarkBeforeTheSpaceThatEndsATitle_StaysOnTheTitleAndOutOfItsKey(string format, string written, string plain)
    {
        var result = new ReviewParser().Parse(Document(format, "", written, ["Episode 1: Crimson – 3/5"]));

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal(written, result.Review!.ShowTitle);
        Assert.Equal(ShowTitleKey.From(plain), ShowTitleKey.From(result.Review.ShowTitle));
        Assert.Equal(Slug.From(plain), Slug.From(result.Review.ShowTitle));
    }

    /// <summary>
    /// The separators trimmed from around a show's title are found as they look: a direction mark
    /// beyond one does not keep it on the title, where it would make the title another show.
    /// </summary>
    [Theory]
    [InlineData("\u200E– Gintama Season 1 Review – Headline")]
    [InlineData("\u200F| Gintama Season 1 Review – Headline")]
    [InlineData("---\nshow: \"Gintama –\u200E\"\nseason: 1\n---\n")]
    [InlineData("---\nshow: \u200F: Gintama\nseason: 1\n---\n")]
    public void Parse_SeparatorBesideADirectionMarkAroundTheShow_IsTrimmed(string head)
    {
        var text = head + (head.StartsWith("---", StringComparison.Ordinal) ? "\n## Episode Guide\n" : "\n\nEpisode Guide\n") + "Episode 1: One – 3/5\n\nFine.\n";

        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        Assert.Equal("Gintama", result.Review!.ShowTitle);
    }

    /// <summary>
    /// A zero-width space, soft hyphen or word joiner between a value and the separator or keyword that
    /// ends it (or the separator that opens it) is at the value's edge, as at a line's end: it joins
    /// nothing of the value and is left out, so the title shown is the show's as its key reads it.
    /// </summary>
    [Theory]
    [InlineData("Metallic Rouge\u200B–Season 1 –\u200BHeadline\n\nEpisode Guide\nEpisode 1:\u200BCrimson\u00AD– 3/5\n\nIt was fine.\n")]
    [InlineData("Metallic Rouge\u2060: Season 1\u200B–Headline\n\nEpisode Guide\nEpisode 1\u2060–Crimson\u200B–3/5\n\nIt was fine.\n")]
    [InlineData("---\nshow: Metallic Rouge\u200B–\nseason: 1\nheadline: Headline\n---\n\n## Episode Guide\n- Episode 1:\u200BCrimson\u200B– 3/5\n\nIt was fine.\n")]
    public void Parse_FormatCharacterAtTheEdgeOfAValue_IsLeftOut(string text)
    {
        var result = new ReviewParser().Parse(text);

        Assert.True(result.Succeeded, $"line {result.Line}: {result.Error}");
        var review = result.Review!;
        Assert.Equal(("Metallic Rouge", "Headline", "Crimson"), (review.ShowTitle, review.Headline, review.Episodes[0].Title));
    }

    /// <summary>The article as each format writes it, with format characters inside its structural words.</summary>
    private static string Document(string format, string c, string show, string[] guide)
    {
        switch (format)
        {
            case "txt":
                return $"{show} Sea{c}son 1 Re{c}view – Headline\n\nEpi{c}sode Guide\n" + string.Join("\n", guide)
                    + $"\n\nIt was fine.\n\nLeave a com{c}ment\n\n• Ver{c}dict - 6/{c}10\n";
            case "md":
                return $"---\nshow: {show}\nsea{c}son: 1\nhead{c}line: Headline\nver{c}dict: 6/{c}10\n---\n\n## Epi{c}sode Guide\n"
                    + string.Concat(guide.Select(line => "- " + line + "\n"))
                    + $"\n## Re{c}view\n\nIt was fine.\n\nLeave a com{c}ment\n";
            default:
                var html = $"<h2>Epi{c}sode Guide</h2>" + string.Concat(guide.Select(line => $"<p>{line}</p>"))
                    + $"<p>It was fine.</p><p>Share this{c}:</p><p>Ver{c}dict – 6/{c}10</p>";
                var item = new FeedItem("https://reviews.example/metallic-rouge/", $"{show} Sea{c}son 1 Re{c}view – Headline", null, html, null);
                return new FeedItemConverter(new HtmlToText()).Convert("https://reviews.example/feed", item).Document.Text;
        }
    }
}
