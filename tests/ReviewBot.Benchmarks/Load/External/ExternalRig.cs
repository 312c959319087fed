using System.Diagnostics;
using System.Globalization;
using FakeDiscord;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// FakeDiscord (this process) and a published bot (an <see cref="ExternalBot"/>) wired together over
/// loopback with the settings <see cref="BotRig"/> gives the in-process agent, started and waited on
/// until the fake has sent READY.
/// </summary>
public sealed class ExternalRig : IAsyncDisposable
{
    private ExternalRig(FakeDiscordServer fake, ExternalBot bot, TimeSpan startToReady)
    {
        Fake = fake;
        Bot = bot;
        StartToReady = startToReady;
    }

    public FakeDiscordServer Fake { get; }

    public ExternalBot Bot { get; }

    /// <summary>
    /// From starting the process to the moment FakeDiscord has written READY to the bot's socket:
    /// runtime start, host build, the migration check, command registration, connect and IDENTIFY.
    /// </summary>
    public TimeSpan StartToReady { get; }

    /// <summary>The settings an operator would give the bot for this database and this fake Discord.</summary>
    public static Dictionary<string, string> Settings(string databasePath, FakeDiscordServer? fake, FakeDiscordOptions options, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Reviews"] = $"Data Source={databasePath}",
            ["Reviews__ImportSamplesWhenEmpty"] = "false",
            // Information-level console logging per interaction would measure the pipe, not the bot.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (fake is not null)
        {
            environment["Discord__Token"] = options.Token;
            environment["Discord__ApplicationId"] = options.ApplicationId.ToString(CultureInfo.InvariantCulture);
            environment["Discord__ApiBaseUrl"] = fake.ApiBaseUrl.ToString();
            environment["Discord__GatewayUrl"] = fake.GatewayUrl.ToString();
            environment["Discord__ShardCount"] = "1";
            environment["Discord__DevGuildId"] = InteractionPayloads.GuildId.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <returns>The rig, or null with the reason when the bot never reached READY.</returns>
    public static async Task<(ExternalRig? Rig, string? Reason)> StartAsync(BotExecutable executable, string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var options = new FakeDiscordOptions();
        var fake = await FakeDiscordServer.StartAsync(options);
        var environment = Settings(databasePath, fake, options, settings);

        var clock = Stopwatch.StartNew();
        var bot = ExternalBot.Start(executable, ["run"], environment);
        // The elapsed time is taken in the continuation the fake's send completes, not after a poll.
        var ready = fake.WaitForDispatchSentAsync("READY", timeout: TimeSpan.FromSeconds(60))
            .ContinueWith(t => (t.IsCompletedSuccessfully, clock.Elapsed), TaskContinuationOptions.ExecuteSynchronously);
        var exited = bot.WaitForExitAsync(TimeSpan.FromSeconds(61));
        var first = await Task.WhenAny(ready, exited);
        var (sent, elapsed) = first == ready ? await ready : (false, TimeSpan.Zero);
        if (!sent)
        {
            var reason = bot.HasExited
                ? $"{executable.Name} ended before READY (exit {await exited}); last lines: {bot.LogTail}"
                : $"{executable.Name} sent no READY within 60 s; last lines: {bot.LogTail}";
            await bot.DisposeAsync();
            await fake.DisposeAsync();
            return (null, reason);
        }

        return (new ExternalRig(fake, bot, elapsed), null);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
