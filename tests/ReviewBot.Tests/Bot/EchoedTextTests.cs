using System.Text.Json;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// What a member typed and the bot quotes back (a show it could not find, a search's words): control
/// characters in it are written as their code points, never sent to Discord as they came.
/// </summary>
public sealed class EchoedTextTests
{
    [Theory]
    [InlineData("review", "show")]
    [InlineData("episode", "show")]
    public async Task ShowNotFound_TypedTextWithControlCharacters_QuotesThemAsCodePointsOnOneLine(string command, string option)
    {
        // A NUL, an escape sequence and a line break cannot be seen in the quote, yet the quote did not
        // match because of them; a line break also split the one-line quote and started a heading.
        await using var bot = await BotHost.StartAsync();
        SlashOption[] options = command == "episode"
            ? [new SlashOption("number", 3), new SlashOption(option, "Metallic\u0000 Rouge\u001B[31m\n# big")]
            : [new SlashOption(option, "Metallic\u0000 Rouge\u001B[31m\n# big")];

        var reply = await bot.SlashAsync(command, options);

        Assert.True(reply.IsEphemeral);
        Assert.Contains(@"“Metallic\<U+0000> Rouge\<U+001B>\[31m\<U+000A># big”", reply.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Content, char.IsControl);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_TypedTextWithControlCharacters_TitlesTheResultWithThemAsCodePoints()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", "immortal\u0000 nine\u0007"));

        var title = reply.Embed.GetProperty("title").GetString()!;
        Assert.Equal(@"Search: immortal\<U+0000> nine\<U+0007>", title);
        bot.AssertEveryRequestValid();
    }
}
