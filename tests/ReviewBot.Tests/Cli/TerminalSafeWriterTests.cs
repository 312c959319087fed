using ReviewBot.Cli;
using ReviewBot.Core.Import;

namespace ReviewBot.Tests.Cli;

public sealed class TerminalSafeWriterTests
{
    [Theory]
    [InlineData("\u001b]0;owned\u0007title", "<U+001B>]0;owned<U+0007>title")]
    [InlineData("\u001b[2J\u001b[H", "<U+001B>[2J<U+001B>[H")]
    [InlineData("\u009b31m", "<U+009B>31m")]
    [InlineData("abc\u202Efdp.exe", "abc<U+202E>fdp.exe")]
    [InlineData("\u2066isolated\u2069 \u200Binvisible\u00ADsoft", "<U+2066>isolated<U+2069> <U+200B>invisible<U+00AD>soft")]
    [InlineData("over\rwritten", "over<U+000D>written")]
    [InlineData("nul\0del\u007f", "nul<U+0000>del<U+007F>")]
    [InlineData("tag\U000E0041", "tag<U+E0041>")]
    [InlineData("line\u2028break", "line<U+2028>break")]
    public void ControlAndFormatCharacters_AreShownByCodePointAsRefusalsShowThem(string text, string shown)
    {
        Assert.Equal(shown, TerminalSafeWriter.Escape(text));
        // One notation for every hidden character a user is shown, whichever path printed it.
        Assert.Equal(RefusalText.Visible(text), TerminalSafeWriter.Escape(text));
    }

    [Theory]
    [InlineData("Metallic Rouge — Season 1\n  1. Crimson\t3/5\n")]
    [InlineData("windows\r\nline ends")]
    [InlineData("Frieren: Beyond Journey’s End ⭐ 👨‍👩‍👧 日本語 עברית")]
    [InlineData("already <U+001B> escaped")]
    public void OrdinaryText_PassesUnchanged(string text)
    {
        Assert.Equal(text, TerminalSafeWriter.Escape(text));
    }

    [Fact]
    public async Task SplitWrites_AreJudgedAsOneText()
    {
        using var inner = new StringWriter();
        using (var writer = TerminalSafeWriter.Guard(inner))
        {
            var emoji = "👍";
            writer.Write(emoji[0]);
            writer.Write(emoji[1]);
            writer.Write("a\r");
            await writer.WriteAsync("\nb\r");
            await writer.WriteLineAsync("c");
            writer.Write('\ud800');
        }

        Assert.Equal("👍a\r\nb<U+000D>c\n<U+D800>", inner.ToString());
    }

    [Fact]
    public void CliConsole_GuardsWhateverItIsGiven()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error);

        console.Out.Write("\u001b[31mred");
        console.Error.WriteLine("\u202Eevil");

        Assert.Equal("<U+001B>[31mred", output.ToString());
        Assert.Equal("<U+202E>evil" + Environment.NewLine, error.ToString());
    }
}
