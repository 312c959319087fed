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
}
