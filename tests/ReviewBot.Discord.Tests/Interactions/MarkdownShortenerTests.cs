using ReviewBot.Discord.Interactions;

namespace ReviewBot.Discord.Tests.Interactions;

public sealed class MarkdownShortenerTests
{
    [Fact]
    public void Shorten_FitsAsItIs_IsTrimmedAndKeepsItsTail()
    {
        Assert.Equal("**a** b\n`hint`", MarkdownShortener.Shorten("  **a** b \n", 100, "\n`hint`"));
    }

    [Theory]
    [InlineData(@"ab\*cd", 4, "ab…")] // not between the backslash and the star it escapes
    [InlineData(@"ab\*cd", 5, @"ab\*…")]
    [InlineData("abc**defgh**", 10, "abc**de…**")] // the bold it cuts into is closed
    [InlineData("abc**defgh**", 7, "abc…")] // never "**…**": an opening mark alone keeps nothing
    [InlineData("x [title](https://e.x/a) y", 20, "x…")] // a masked link is kept whole or left out
    [InlineData("x [title](https://e.x/a) y", 25, "x [title](https://e.x/a)…")]
    [InlineData("on <t:1700000000:D> it", 12, "on…")] // a tag too
    [InlineData("a `code span` b", 8, "a…")] // and a code span
    [InlineData("*it **bold** it* tail", 12, "*it **bo…***")] // nested marks are closed innermost first
    [InlineData("ab👍🏽cd", 5, "ab…")] // never inside a user-perceived character
    public void Shorten_NeverCutsInsideAPiece(string markdown, int max, string expected)
    {
        var shortened = MarkdownShortener.Shorten(markdown, max);

        Assert.Equal(expected, shortened);
        Assert.InRange(shortened.Length, 1, max);
    }

    [Fact]
    public void Shorten_PrefersAWordBreak_WhenItKeepsMostOfTheText()
    {
        Assert.Equal("**one two…**", MarkdownShortener.Shorten("**one two three four**", 14));
    }

    [Fact]
    public void Shorten_Over_KeepsTheTailWhole()
    {
        var body = "**" + string.Concat(Enumerable.Repeat("word ", 300)) + "**";
        const string tail = "\n`/review show season:1`";

        var shortened = MarkdownShortener.Shorten(body, 1024, tail);

        Assert.EndsWith("…**" + tail, shortened, StringComparison.Ordinal);
        Assert.InRange(shortened.Length, 1000, 1024);
    }

    [Fact]
    public void Shorten_AnOverrideLeftOpenAtTheCut_IsClosedBeforeTheTail()
    {
        var shortened = MarkdownShortener.Shorten("a \u202Eword word word word", 14, " tail");

        Assert.Equal("a \u202Eword…\u202C tail", shortened);
    }

    [Fact]
    public void Shorten_TailAloneOverTheLimit_ShortensTheTail()
    {
        Assert.Equal("**ab…**", MarkdownShortener.Shorten("body", 7, "**abcdef**"));
    }
}
