using System.Diagnostics;
using System.Globalization;
using FakeDiscord;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// FakeDiscord (this process) and the real host (a <see cref="BotProcess"/> child) wired together
/// over loopback, started and waited on until the fake has sent READY.
/// </summary>
public sealed class BotRig : IAsyncDisposable
{
    private BotRig(FakeDiscordServer fake, BotProcess bot, TimeSpan startToReady)
    {
        Fake = fake;
        Bot = bot;
        StartToReady = startToReady;
    }

    public FakeDiscordServer Fake { get; }

    public BotProcess Bot { get; }

    /// <summary>From starting the process to READY on the wire: runtime start, host build, migrations, registration, connect.</summary>
    public TimeSpan StartToReady { get; }

    /// <returns>The rig, or null with the reason when the host never reached READY.</returns>
    public static async Task<(BotRig? Rig, string? Reason)> StartAsync(
        string databasePath, bool seedSamples = false, Action<FakeDiscordOptions>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var options = new FakeDiscordOptions();
        configure?.Invoke(options);
        var fake = await FakeDiscordServer.StartAsync(options);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Reviews"] = $"Data Source={databasePath}",
            ["Reviews__ImportSamplesWhenEmpty"] = seedSamples ? "true" : "false",
            ["Reviews__SeedDirectory"] = Path.Combine(AppContext.BaseDirectory, "samples"),
            ["Discord__Token"] = options.Token,
            ["Discord__ApplicationId"] = options.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["Discord__ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Discord__GatewayUrl"] = fake.GatewayUrl.ToString(),
            ["Discord__ShardCount"] = "1",
            ["Discord__DevGuildId"] = InteractionPayloads.GuildId.ToString(CultureInfo.InvariantCulture),
            // Information-level console logging per interaction would measure the terminal, not the bot.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var bot = BotProcess.Start(environment);
        var ready = fake.WaitForDispatchSentAsync("READY", timeout: TimeSpan.FromSeconds(60));
        while (!ready.IsCompleted && bot.ExitedEarly is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.WhenAny(ready, Task.Delay(20));
        }

        if (!ready.IsCompletedSuccessfully)
        {
            var reason = bot.ExitedEarly is { } exited
                ? $"the host ended before READY ({exited}); last log lines: {LastLines(bot.LogTail, 3)}"
                : $"no READY within 60 s; last log lines: {LastLines(bot.LogTail, 3)}";
            await bot.DisposeAsync();
            await fake.DisposeAsync();
            return (null, reason);
        }

        var startToReady = clock.Elapsed;
        await bot.WaitStartedAsync(TimeSpan.FromSeconds(5));
        return (new BotRig(fake, bot, startToReady), null);
    }

    private static string LastLines(string text, int count) =>
        string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count).Select(l => l.Trim()));

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
