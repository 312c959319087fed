using ReviewBot.Cli;

namespace ReviewBot.Tests.Cli;

public sealed class TerminalSafeWriterTests
{
    [Theory]
    [InlineData("\u001b]0;owned\u0007title", "\\u001B]0;owned\\u0007title")]
    [InlineData("\u001b[2J\u001b[H", "\\u001B[2J\\u001B[H")]
    [InlineData("\u009b31m", "\\u009B31m")]
    [InlineData("abc\u202Efdp.exe", "abc\\u202Efdp.exe")]
    [InlineData("\u2066isolated\u2069 \u200Binvisible\u00ADsoft", "\\u2066isolated\\u2069 \\u200Binvisible\\u00ADsoft")]
    [InlineData("over\rwritten", "over\\u000Dwritten")]
    [InlineData("nul\0del\u007f", "nul\\u0000del\\u007F")]
    [InlineData("tag\U000E0041", "tag\\U000E0041")]
    [InlineData("line\u2028break", "line\\u2028break")]
    public void ControlAndFormatCharacters_AreShownAsEscapes(string text, string shown)
    {
        Assert.Equal(shown, TerminalSafeWriter.Escape(text));
    }

    [Theory]
    [InlineData("Metallic Rouge — Season 1\n  1. Crimson\t3/5\n")]
    [InlineData("windows\r\nline ends")]
    [InlineData("Frieren: Beyond Journey’s End ⭐ 👨‍👩‍👧 日本語 עברית")]
    [InlineData("already \\u001B escaped")]
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

        Assert.Equal("👍a\r\nb\\u000Dc\n\\uD800", inner.ToString());
    }

    [Fact]
    public void CliConsole_GuardsWhateverItIsGiven()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error);

        console.Out.Write("\u001b[31mred");
        console.Error.WriteLine("\u202Eevil");

        Assert.Equal("\\u001B[31mred", output.ToString());
        Assert.Equal("\\u202Eevil" + Environment.NewLine, error.ToString());
    }
}
