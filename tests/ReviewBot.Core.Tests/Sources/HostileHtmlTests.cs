using System.Diagnostics;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// Feed item HTML shaped to make an HTML tree builder do work that grows faster than the HTML: it is
/// flattened to the same text in one pass instead, and the review still parses.
/// </summary>
public sealed class HostileHtmlTests
{
    private const string Guide = "<h2>Episode Guide</h2><ul><li>Episode 1: First – 3/5</li><li>Episode 2: Second – 4/5</li></ul><p>The body. It was fine.</p>";

    [Theory]
    [InlineData("<div>", 200_000)]
    [InlineData("<b><i><span>", 100_000)]
    [InlineData("<blockquote>", 100_000)]
    public void Convert_DeeplyNestedHtml_IsFlattenedAndTheReviewStillParses(string opening, int depth)
    {
        var html = string.Concat(Enumerable.Repeat(opening, depth)) + Guide;
        var document = new FeedItemConverter(new HtmlToText()).Convert(
            "https://reviews.example/feed/", new FeedItem("1", "Show Season 1 Review – H", null, html, null));

        var review = new ReviewParser().Parse(document.Document.Text).Review;

        Assert.False(HtmlTokens.IsModest(html));
        Assert.NotNull(review);
        Assert.Equal([new EpisodeEntry(1, "First", new Score(3, 5)), new EpisodeEntry(2, "Second", new Score(4, 5))], review.Episodes);
        Assert.Equal("The body. It was fine.", review.Body);
    }

    [Fact]
    public void Convert_TagWithHundredsOfThousandsOfAttributes_IsFlattened()
    {
        var html = "<p " + string.Concat(Enumerable.Repeat("a ", 300_000)) + ">Hello &amp; welcome</p><p>Bye</p>";

        var text = new HtmlToText().Convert(html);

        Assert.False(HtmlTokens.IsModest(html));
        Assert.Equal("Hello & welcome\n\nBye", text);
    }

    [Fact]
    public void IsModest_ArticleWithManyUnclosedListItemsAndScripts_IsParsedAsATree()
    {
        var html = "<ul>" + string.Concat(Enumerable.Range(1, 400).Select(i => $"<li>Episode {i}<script>if (a<b) x()</script><br>")) + "</ul>";

        Assert.True(HtmlTokens.IsModest(html));
    }

    // Markup the tree builder nests although a naive reading sees it closed or as text: template
    // contents and noscript (without scripting) are parsed as markup, and </b> does not close a <b>
    // that has a <marquee> or a <div> open inside it.
    public static TheoryData<string, string, string> NestingThroughMarkup => new()
    {
        { "<template>", "<div>", "" },
        { "<noscript>", "<div>", "" },
        { "<svg>", "<g>", "" },
        { "", "<b><marquee></b>", "" },
        { "", "<b><div></b>", "" },
        { "", "<i><div>x</div>", "" },
        { "", "<table><tr><td><div><span>", "</tr></table>" },
        { "<!-->", "<div>", "" },
        { "<!-- --!>", "<div>", "-->" },
        { "<div =\"", "<div>", "\">" },
        { "<script.x>", "<div>", "</script>" },
    };

    [Theory]
    [MemberData(nameof(NestingThroughMarkup))]
    public void IsModest_NestingTheTreeBuilderKeeps_IsNotModest(string before, string repeated, string after)
    {
        var html = before + string.Concat(Enumerable.Repeat(repeated, 2 * HtmlTokens.MaxDepth)) + after + Guide;

        Assert.False(HtmlTokens.IsModest(html));
    }

    [Theory]
    [InlineData("<b><i>x</i></b><p>para</p>")]
    [InlineData("<p><strong>a</strong> <em>b</em> <a href=\"/x\">c</a></p>")]
    [InlineData("<table><tr><td>a<td>b</tr></table>")]
    [InlineData("<ul><li>a<li>b</ul><div><span>c</span></div>")]
    public void IsModest_OrdinaryArticlesRepeatedAtLength_StayModest(string block)
    {
        Assert.True(HtmlTokens.IsModest(string.Concat(Enumerable.Repeat(block, 2_000))));
    }

    // Sized so that a tree builder left to it works for minutes: 160,000 elements deep.
    [Theory]
    [InlineData("<template>", "<div>", 160_000, "</template>")]
    [InlineData("", "<b><marquee></b>", 120_000, "")]
    // The pre-scan ends the script at its first end tag and takes the rest for a comment; the
    // tokenizer does not (the first end tag is inside an escaped "<script>"), so only the tree
    // builder's own depth count sees the nesting.
    [InlineData("<script><!--<script></script><!--</script>", "<div>", 160_000, "-->")]
    public void Convert_HostileNesting_TakesAMomentNotMinutes(string before, string repeated, int count, string after)
    {
        var html = before + string.Concat(Enumerable.Repeat(repeated, count)) + after + Guide;
        var converter = new HtmlToText();

        var clock = Stopwatch.StartNew();
        var text = converter.Convert(html);
        clock.Stop();

        Assert.EndsWith("The body. It was fine.", text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void BoundedParser_StopsBuildingOnceTheTreeIsDeeperThanAnyArticle()
    {
        var parser = new HtmlToText.BoundedParser();

        var document = parser.TryParse(string.Concat(Enumerable.Repeat("<div>", 20_000)));

        Assert.Null(document);
        Assert.InRange(parser.ElementsCreated, HtmlToText.BoundedParser.MaxTreeDepth, HtmlToText.BoundedParser.MaxTreeDepth + 8);
    }

    [Fact]
    public void BoundedParser_CountsTemplateContentsFromTheTemplate()
    {
        var parser = new HtmlToText.BoundedParser();
        var html = string.Concat(Enumerable.Repeat("<template>" + string.Concat(Enumerable.Repeat("<div>", 100)), 100));

        Assert.Null(parser.TryParse(html));
        Assert.True(parser.ElementsCreated < 2 * HtmlToText.BoundedParser.MaxTreeDepth, $"{parser.ElementsCreated} elements");
    }

    [Fact]
    public void BoundedParser_OrdinaryArticle_IsParsed()
    {
        var parser = new HtmlToText.BoundedParser();

        using var document = parser.TryParse(string.Concat(Enumerable.Repeat(Guide + "<p><b>a</b><i>b</i></p>", 1_000)));

        Assert.NotNull(document);
    }
}
