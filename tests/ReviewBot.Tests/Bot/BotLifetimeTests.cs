using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class BotLifetimeTests
{
    [Fact]
    public async Task Stop_WhileConnected_ExitsZeroWithinSeconds()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SlashAsync("latest");

        var exitCode = await bot.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal("", bot.ErrorOutput);
    }

    [Fact]
    public async Task Run_WithoutToken_ExitsTwoSayingHowToSetIt()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("--Discord:Token=");

        Assert.Equal(2, exitCode);
        Assert.Contains("Discord__Token", error, StringComparison.Ordinal);
        Assert.Contains("user-secrets", error, StringComparison.Ordinal);
        Assert.Contains("ask", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TokenRejectedByRest_ExitsTwoWithOneClearMessage()
    {
        await using var bot = await BotHost.StartAsync(new BotHostOptions { Token = "not-the-token", WaitUntilConnected = false });

        var exitCode = await bot.Exit.WaitAsync(BotHost.Timeout);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Discord rejected the bot token (401 Unauthorized)", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bot.ErrorOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GatewayClosesWith4004_ExitsTwoWithoutReconnecting()
    {
        await using var bot = await BotHost.StartAsync();

        await bot.Discord.CloseGatewayAsync(4004);
        var exitCode = await bot.Exit.WaitAsync(BotHost.Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("gateway close 4004", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.Single(bot.Discord.GatewaySessions);
    }
}
