using System.Globalization;
using System.Text.Json.Nodes;
using FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core;
using ReviewBot.Core.Subscriptions;
using ReviewBot.TestSupport;

namespace ReviewBot.NativeTests;

/// <summary>
/// The native executable's <c>run</c> verb as a child process against a FakeDiscord in the test process,
/// with its settings as environment variables (as <c>tests/ReviewBot.Tests</c> starts the JIT bot).
/// </summary>
internal sealed class NativeBot : IAsyncDisposable
{
    public const ulong Guild = 1_300_000_000_000_000_001;
    public const ulong AskChannel = 1_300_000_000_000_000_002;

    /// <summary>View Channel, Send Messages, Embed Links, Send Messages in Threads and Attach Files.</summary>
    public const string AppPermissions = "274878024704";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static long _nextInteraction = 1_480_000_000_000_000_000;

    private NativeBot(ChildProcess process) => Process = process;

    public ChildProcess Process { get; }

    /// <param name="launcher">A program that starts the executable (its path and "run" follow), such as <see cref="Hardening.UnitRestrictions.Launcher"/>; none by default.</param>
    public static NativeBot Start(
        NativeExecutable executable, WorkFolder folder, FakeDiscordServer discord, string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? launcher = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Discord__Token"] = discord.Options.Token,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.AbsoluteUri,
            ["Discord__GatewayUrl"] = discord.GatewayUrl.AbsoluteUri,
            ["Discord__ShardCount"] = "1",
            ["ConnectionStrings__Reviews"] = connectionString,
            ["Reviews__ImportSamplesWhenEmpty"] = "false",
            ["Announcements__PollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new NativeBot(launcher is null
            ? ChildProcess.StartExecutable(executable.Path, ["run"], environment, folder.Path)
            : ChildProcess.StartExecutable(launcher, [executable.Path, "run"], environment, folder.Path));
    }

    /// <summary>Waits for a line of the bot's output, failing with all of it.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        var line = Process.WaitForLineAsync(text, Wait);
        // A bot that stopped will not write it: fail at once, with what it wrote instead.
        while (!line.IsCompleted && !Process.HasExited)
        {
            await Task.WhenAny(line, Task.Delay(TimeSpan.FromMilliseconds(100)));
        }

        if (line.IsCompletedSuccessfully || (Process.HasExited && await Task.WhenAny(line, Task.Delay(TimeSpan.FromSeconds(1))) == line && line.IsCompletedSuccessfully))
        {
            return await line;
        }

        Assert.Fail($"the bot never wrote \"{text}\" (exited: {Process.HasExited}). Its output:\n{Process.Output}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A subscription of <paramref name="channel"/> to every review, stored through Core as /subscribe stores it.</summary>
    public static async Task SubscribeAsync(string connectionString, ulong channel)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Reviews"] = connectionString })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddReviewBotCore(configuration).BuildServiceProvider();
        var result = await services.GetRequiredService<SubscriptionStore>()
            .AddAsync(new NewSubscription(Guild, channel, ChannelKind.Text, null, null, 42), CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, result.Outcome);
    }

    /// <summary>An application command as Discord sends it on the gateway or to the endpoint, with a fresh id and token.</summary>
    public static (string Id, JsonObject Payload) SlashCommand(FakeDiscordServer discord, string command, string option, string value)
    {
        var id = Interlocked.Increment(ref _nextInteraction).ToString(CultureInfo.InvariantCulture);
        var payload = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = discord.Options.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = "interaction-token-" + id,
            ["version"] = 1,
            ["guild_id"] = Guild.ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = AskChannel.ToString(CultureInfo.InvariantCulture),
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = "1470000000000000001", ["username"] = "mika" },
                ["roles"] = new JsonArray(),
                ["permissions"] = "2147483648",
            },
            ["app_permissions"] = AppPermissions,
            ["context"] = 0,
            ["locale"] = "en-US",
            ["data"] = new JsonObject
            {
                ["id"] = "1400000000000000001",
                ["name"] = command,
                ["type"] = 1,
                ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = value }),
            },
        };
        return (id, payload);
    }

    /// <summary>SIGTERM, as systemd stops the service: the bot must exit 0.</summary>
    public async Task StopAsync()
    {
        var exitCode = await Process.TerminateAsync(Wait);
        Assert.True(exitCode == 0, $"the bot exited with {exitCode} on SIGTERM. Its output:\n{Process.Output}");
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
