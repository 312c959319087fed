using ReviewBot.Cli;

namespace ReviewBot.Tests.Cli;

public sealed class SlashCommandTextTests
{
    private static readonly Dictionary<string, string[]> Commands = new()
    {
        ["review"] = ["show*", "season"],
        ["episode"] = ["number", "show*", "season"],
    };

    [Theory]
    [InlineData("/review metallic-rouge", "show=metallic-rouge")]
    [InlineData("/review metallic rouge", "show=metallic rouge")]
    [InlineData("/review show:metallic-rouge season:1", "season=1;show=metallic-rouge")]
    [InlineData("/review season:1 show:\"Metallic Rouge\"", "season=1;show=Metallic Rouge")]
    [InlineData("/review \"Metallic Rouge\" season:2", "season=2;show=Metallic Rouge")]
    [InlineData("review show: metallic-rouge", "show=metallic-rouge")]
    [InlineData("/episode 9", "number=9")]
    [InlineData("/episode 9 show:metallic-rouge", "number=9;show=metallic-rouge")]
    [InlineData("/episode 9 metallic rouge season:1", "number=9;season=1;show=metallic rouge")]
    [InlineData("/episode show:\"Re:Zero\" number:3", "number=3;show=Re:Zero")]
    [InlineData("/review show: season:1", "season=1;show=")]
    [InlineData("/episode 9 show:\"\" season:2", "number=9;season=2;show=")]
    public void Parse_DiscordStyleText_ReadsOptions(string text, string expected)
    {
        var (command, error) = SlashCommandText.Parse(text, Commands);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(";", command!.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));
    }

    [Theory]
    [InlineData("/unknown x", "unknown command")]
    [InlineData("", "no command")]
    [InlineData("/review a season:1 2", "unexpected")]
    [InlineData("/review \"metallic rouge", "the quote at character 9 is never closed")]
    [InlineData("/episode 9 show:\"metallic rouge season:1", "the quote at character 17 is never closed")]
    [InlineData("/review metallic-rouge season:1 season:2", "season: is given twice")]
    [InlineData("/review show:a show:b", "show: is given twice")]
    public void Parse_BadText_SaysWhy(string text, string expected)
    {
        var (command, error) = SlashCommandText.Parse(text, Commands);

        Assert.Null(command);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
