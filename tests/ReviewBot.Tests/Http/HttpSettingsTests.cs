using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Cli;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>The HTTP side is off unless asked for, and a wrong setting stops the bot with a message naming it.</summary>
public sealed class HttpSettingsTests
{
    [Fact]
    public async Task WithoutHttpListen_NoSocketIsOpened()
    {
        await using var bot = await BotHost.StartAsync();

        var server = bot.Services.GetRequiredService<IServer>();

        Assert.Null(server.Features.Get<IServerAddressesFeature>());
    }

    [Theory]
    [InlineData("Discord:PublicKey", "abc", "Discord:PublicKey must be the application's public key")]
    [InlineData("Discord:PublicKey", "zz3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af466", "characters that are not hex")]
    [InlineData("Http:Listen", "https://127.0.0.1:8443", "Http:Listen \"https://127.0.0.1:8443\" is not valid")]
    [InlineData("Http:Listen", "http://example.com:8080", "names the host \"example.com\"")]
    [InlineData("Http:Listen", "8080", "Http:Listen \"8080\" is not valid")]
    [InlineData("Http:SignatureWindow", "00:00:00", "Http:SignatureWindow must be more than 0")]
    [InlineData("Http:OutboxStuckAfter", "7.00:00:01", "Http:OutboxStuckAfter must be more than 0 and at most 7.00:00:00")]
    public async Task WrongSetting_StopsTheBotWithExitCode2AndNamesIt(string key, string value, string message)
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Http:Listen"] = "http://127.0.0.1:0";
        options.Settings[key] = value;
        await using var bot = await BotHost.StartAsync(options);

        Assert.Equal(ExitCodes.Usage, await bot.Exit.WaitAsync(BotHost.Timeout));
        Assert.Contains(message, bot.ErrorOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicKeyWithoutListener_StopsTheBotWithExitCode2()
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Discord:PublicKey"] = new string('a', 64);
        await using var bot = await BotHost.StartAsync(options);

        Assert.Equal(ExitCodes.Usage, await bot.Exit.WaitAsync(BotHost.Timeout));
        Assert.Contains("Discord:PublicKey is set but Http:Listen is not", bot.ErrorOutput, StringComparison.Ordinal);
    }
}
