using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Tests.Bot;

public sealed class BotLifetimeTests
{
    [Fact]
    public async Task Stop_WhileConnected_ExitsZeroWithinSecondsAndClosesTheGateway()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SlashAsync("latest");

        // Ctrl+C: Main cancels the token the run verb waits on. StopAsync waits at most BotHost.Timeout.
        var exitCode = await bot.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal("", bot.ErrorOutput);
        var close = await bot.Discord.WaitForClientCloseAsync(timeout: BotHost.Timeout);
        Assert.NotNull(close.CloseCode); // a close frame, not a dropped socket
        Assert.Single(bot.Discord.GatewaySessions);
    }

    [Fact]
    public async Task StopApplication_AsSigtermDoes_ExitsZeroAndClosesTheGateway()
    {
        await using var bot = await BotHost.StartAsync();

        // SIGTERM reaches the host through its console lifetime, which calls StopApplication.
        bot.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var exitCode = await bot.Exit.WaitAsync(BotHost.Timeout);

        Assert.Equal(0, exitCode);
        Assert.Equal("", bot.ErrorOutput);
        var close = await bot.Discord.WaitForClientCloseAsync(timeout: BotHost.Timeout);
        Assert.NotNull(close.CloseCode);
    }

    [Fact]
    public async Task Program_RunVerbThroughMain_ConnectsAndStopsOnCtrlC()
    {
        // The whole path Main takes (verb dispatch included), not only the host BotHost builds.
        await using var discord = await FakeDiscord.FakeDiscordServer.StartAsync(new FakeDiscord.FakeDiscordOptions());
        using var run = new ProgramRun();
        using var ctrlC = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = Task.Run(() => Program.RunAsync(
            [
                $"--Discord:Token={discord.Options.Token}",
                $"--Discord:ApiBaseUrl={discord.ApiBaseUrl.AbsoluteUri}",
                $"--Discord:GatewayUrl={discord.GatewayUrl.AbsoluteUri}",
                "--Discord:ShardCount=1",
                $"--ConnectionStrings:Reviews=Data Source={run.DatabasePath}",
            ],
            stdout,
            stderr,
            ctrlC.Token));
        await discord.WaitForIdentifyAsync(timeout: BotHost.Timeout);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await exit.WaitAsync(BotHost.Timeout));
        Assert.Equal("", stderr.ToString());
        Assert.Single(discord.Requests, r => r.Method == "PUT");
        await discord.WaitForClientCloseAsync(timeout: BotHost.Timeout);
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
        Assert.Single(Lines(bot.ErrorOutput));
        Assert.DoesNotContain("   at ", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", bot.ErrorOutput, StringComparison.Ordinal);

        // No retry loop: the first 401 ends it, and the gateway is never tried.
        Assert.Single(bot.Discord.Requests);
        Assert.Equal(401, bot.Discord.Requests[0].Status);
        Assert.Empty(bot.Discord.GatewaySessions);
    }

    [Fact]
    public async Task Run_GatewayClosesWith4004_ExitsTwoWithoutReconnecting()
    {
        await using var bot = await BotHost.StartAsync();

        await bot.Discord.CloseGatewayAsync(4004);
        var exitCode = await bot.Exit.WaitAsync(BotHost.Timeout);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Discord rejected the bot token (gateway close 4004)", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.Single(Lines(bot.ErrorOutput));
        Assert.DoesNotContain("   at ", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.Single(bot.Discord.GatewaySessions);
        Assert.Single(bot.Discord.GatewayFrames, f => f.Direction == FakeDiscord.Gateway.FakeGatewayDirection.FromClient && f.Op == (int)GatewayOpCode.Identify);
    }

    /// <summary>
    /// With the HTTP listener on, the bot's own failure to start stops the host before the listener has
    /// started, and that listener's start then ends as cancelled: the message is still the bot's reason,
    /// once, and the host's "Hosting failed to start" trace is not logged.
    /// </summary>
    [Fact]
    public async Task Run_DiscordUnreachable_WithTheHttpListenerOn_SaysWhatFailed_NotThatAStartWasCancelled()
    {
        var options = new BotHostOptions { WaitUntilConnected = false, ConfigureServices = s => s.AddLogging(b => b.AddFakeLogging()) };
        options.Settings["Discord:ApiBaseUrl"] = "http://127.0.0.1:1/api/v10";
        options.Settings["Http:Listen"] = "http://127.0.0.1:0";
        options.Settings["Discord:PublicKey"] = Convert.ToHexStringLower(new byte[32]);
        await using var bot = await BotHost.StartAsync(options);
        var logs = bot.Services.GetFakeLogCollector(); // before the host ends and disposes its services

        var exitCode = await bot.Exit.WaitAsync(BotHost.Timeout);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The bot could not start: GET /applications/@me failed", bot.ErrorOutput, StringComparison.Ordinal);
        Assert.Single(Lines(bot.ErrorOutput));
        Assert.DoesNotContain("canceled", bot.ErrorOutput, StringComparison.OrdinalIgnoreCase);
        var logged = logs.GetSnapshot();
        Assert.Contains(logged, entry => entry.Message.StartsWith("Could not start the bot", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, entry => entry.Message.Contains("Hosting failed to start", StringComparison.Ordinal));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
