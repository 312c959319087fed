using System.Text;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Tests.Rendering;

/// <summary>The renderers' builder-writing helpers give exactly what the string-returning ones give.</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain words")]
    [InlineData("# header\n> quote\n- item\n+ item\n  - indented\n\t# tabbed")]
    [InlineData("mid-line # > - + stay")]
    [InlineData("*bold* _it_ ~~s~~ `code` ||spoiler|| [link](url) <@1> back\\slash")]
    [InlineData("\n\n-\n #")]
    [InlineData("line\r\n- after a CRLF")]
    [InlineData("😀 — é")]
    [InlineData("1. first\n  22. second\n3.5 stars")]
    public void AppendEscaped_IsWhatMarkdownEscaperReturns(string text)
    {
        Assert.Equal(MarkdownEscaper.Escape(text), new StringBuilder().AppendEscaped(text).ToString());
    }

    [Theory]
    [InlineData("1. First", @"1\. First")] // a numbered list item
    [InlineData("  12. Twelfth\n3. Third", @"  12\. Twelfth" + "\n" + @"3\. Third")]
    [InlineData("Season 1. Review", "Season 1. Review")] // mid-line it is no list
    [InlineData("# H\n## H\n### H\n-# small\n> q\n>>> q\n- b\n* b\n+ b", @"\# H" + "\n" + @"\## H" + "\n" + @"\### H" + "\n" + @"\-# small" + "\n" + @"\> q" + "\n" + @"\>>> q" + "\n" + @"\- b" + "\n" + @"\* b" + "\n" + @"\+ b")]
    public void Escape_BlockMarkersAtALineStart_AreShownAsTyped(string text, string expected) =>
        Assert.Equal(expected, MarkdownEscaper.Escape(text));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u202Eb", "a\u202Eb\u202C")] // an override left open is closed
    [InlineData("a\u202Eb\u202Cc", "a\u202Eb\u202Cc")] // one closed by the text stays as it is
    [InlineData("\u202B\u2067x", "\u202B\u2067x\u2069\u202C")] // innermost first: the isolate, then the embedding
    [InlineData("\u2067\u202Ex\u2069y\u202E", "\u2067\u202Ex\u2069y\u202E\u202C")] // a PDI closes its isolate and what it holds
    [InlineData("\u2068x\u202C", "\u2068x\u202C\u2069")] // a PDF cannot close an isolate
    [InlineData("\u202Ex\ny", "\u202Ex\ny")] // a line break ends the paragraph, and every override with it
    [InlineData("\u202C\u2069x", "\u202C\u2069x")] // closers with nothing open are ignored, as by the algorithm
    public void Escape_BidiControlsLeftOpen_AreClosedAtTheEnd(string text, string expected) =>
        Assert.Equal(expected, MarkdownEscaper.Escape(text));

    [Fact]
    public void AppendEscaped_InPieces_IsTheWholeEscaped()
    {
        string[] pieces = ["  ", "- list", " — Season ", "\n", "# 2", " Review"];
        var atLineStart = true;
        var builder = new StringBuilder();
        foreach (var piece in pieces)
        {
            builder.AppendEscaped(piece, ref atLineStart);
        }

        Assert.Equal(MarkdownEscaper.Escape(string.Concat(pieces)), builder.ToString());
    }

    [Theory]
    [InlineData(3.5, 5)]
    [InlineData(0, 5)]
    [InlineData(5, 5)]
    [InlineData(7.25, 10)]
    [InlineData(2.345, 4.5)]
    [InlineData(-1, 5)]
    [InlineData(12, 10)]
    [InlineData(3, 0)]
    [InlineData(1e30, 5)]
    [InlineData(double.NaN, 5)]
    public void AppendWithNumber_IsWhatWithNumberReturns(double value, double scale)
    {
        var score = new Score(value, scale);

        Assert.Equal(Stars.WithNumber(score), Stars.AppendWithNumber(new StringBuilder("x"), score).ToString()[1..]);
    }
}
