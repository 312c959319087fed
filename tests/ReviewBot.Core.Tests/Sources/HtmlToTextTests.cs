using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class HtmlToTextTests
{
    private readonly HtmlToText converter = new();

    [Fact]
    public void Paragraphs_BecomeBlankLineSeparatedBlocks_AndWhitespaceCollapses()
    {
        var text = converter.Convert("<div>\n  <p>First   paragraph\n  wrapped.</p><p>Second.</p>\n</div>");

        Assert.Equal("First paragraph wrapped.\n\nSecond.", text);
    }

    [Fact]
    public void ListItemsAndBreaks_BecomeLines()
    {
        var text = converter.Convert("<p>Episode 1: A -| Review Score &#8211; 3/5<br/>Episode 2: B -| Review Score &ndash; 4/5</p><ul><li>Verdict - 6/10</li><li>Two</li></ul>");

        Assert.Equal("Episode 1: A -| Review Score – 3/5\nEpisode 2: B -| Review Score – 4/5\n\nVerdict - 6/10\nTwo", text);
    }

    [Fact]
    public void Entities_AreDecoded_AndNonBreakingSpacesKept()
    {
        var text = converter.Convert("<p>Rouge&#8217;s &amp; Naomi&rsquo;s fight&nbsp;-| &lt;ok&gt;</p>");

        Assert.Equal("Rouge’s & Naomi’s fight\u00a0-| <ok>", text);
    }

    [Fact]
    public void ScriptsStylesAndEmbeds_AreDropped()
    {
        var text = converter.Convert("<style>p{}</style><p>Kept<script>alert(1)</script></p><noscript>no</noscript><iframe src=x>frame</iframe><p>Also <em>kept</em>.</p>");

        Assert.Equal("Kept\n\nAlso kept.", text);
    }

    [Fact]
    public void InlineElements_DoNotBreakLines()
    {
        var text = converter.Convert("<p><strong>Verdict</strong> - <span>6</span>/10</p>");

        Assert.Equal("Verdict - 6/10", text);
    }
}
