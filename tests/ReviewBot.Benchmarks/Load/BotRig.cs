using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FakeDiscord;
using NSec.Cryptography;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// FakeDiscord (this process) and the real host (one or two <see cref="BotProcess"/> children) wired
/// together over loopback, started and waited on until the fake has sent READY on every shard. With
/// two processes both use one store (PostgreSQL) and one FakeDiscord, so Discord's limits, the
/// gateway sessions and the request log are shared as they would be at Discord; each runs one of
/// two shards, every duty on in both. With the HTTP transport each process also listens on
/// 127.0.0.1 with a public key whose private half only this process holds.
/// </summary>
public sealed class BotRig : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Key? _signingKey;

    private BotRig(FakeDiscordServer fake, BotGroup bot, TimeSpan startToReady, Topology topology, IReadOnlyList<Uri> endpoints, Key? signingKey)
    {
        Fake = fake;
        Bot = bot;
        StartToReady = startToReady;
        Topology = topology;
        InteractionEndpoints = endpoints;
        _signingKey = signingKey;
    }

    public FakeDiscordServer Fake { get; }

    public BotGroup Bot { get; }

    public Topology Topology { get; }

    /// <summary>Each process's POST /interactions, with the HTTP transport; empty otherwise.</summary>
    public IReadOnlyList<Uri> InteractionEndpoints { get; }

    /// <summary>From starting the process(es) to READY on the wire on every shard: runtime start, host build, migrations, registration, connect.</summary>
    public TimeSpan StartToReady { get; }

    /// <returns>The rig, or null with the reason when the host never reached READY.</returns>
    public static Task<(BotRig? Rig, string? Reason)> StartAsync(
        string databasePath, bool seedSamples = false, Action<FakeDiscordOptions>? configure = null, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync($"Data Source={databasePath}", Topology.Default, seedSamples, configure, settings);

    /// <param name="connectionString">ConnectionStrings:Reviews for every process (<see cref="GeneratedStore.ConnectionString"/>).</param>
    public static Task<(BotRig? Rig, string? Reason)> StartAsync(
        string connectionString, Topology topology, Action<FakeDiscordOptions>? configure = null, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(connectionString, topology, seedSamples: false, configure, settings);

    /// <summary>Sends interactions the way <see cref="Topology"/> says: over the gateway on every shard, or signed over HTTP to every process.</summary>
    public IInteractionDriver CreateDriver() => Topology.Transport == InteractionTransport.Http
        ? new HttpInteractionDriver(InteractionEndpoints, _signingKey!)
        : new InteractionDriver(Fake, shards: Topology.Processes);

    private static async Task<(BotRig? Rig, string? Reason)> StartAsync(
        string connectionString, Topology topology, bool seedSamples, Action<FakeDiscordOptions>? configure, IReadOnlyDictionary<string, string>? settings)
    {
        var options = new FakeDiscordOptions();
        configure?.Invoke(options);
        var fake = await FakeDiscordServer.StartAsync(options);
        var signingKey = topology.Transport == InteractionTransport.Http
            ? Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None })
            : null;
        var shared = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Reviews"] = connectionString,
            ["Reviews__ImportSamplesWhenEmpty"] = seedSamples ? "true" : "false",
            ["Reviews__SeedDirectory"] = Path.Combine(AppContext.BaseDirectory, "samples"),
            ["Discord__Token"] = options.Token,
            ["Discord__ApplicationId"] = options.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["Discord__ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
            ["Discord__GatewayUrl"] = fake.GatewayUrl.ToString(),
            ["Discord__ShardCount"] = topology.Processes.ToString(CultureInfo.InvariantCulture),
            ["Discord__DevGuildId"] = InteractionPayloads.GuildId.ToString(CultureInfo.InvariantCulture),
            // Information-level console logging per interaction would measure the terminal, not the bot.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            shared[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var processes = new List<BotProcess>();
        var endpoints = new List<Uri>();
        for (var shard = 0; shard < topology.Processes; shard++)
        {
            var environment = new Dictionary<string, string>(shared, StringComparer.Ordinal);
            if (topology.Processes > 1)
            {
                environment["Discord__ShardIds"] = shard.ToString(CultureInfo.InvariantCulture);
            }

            if (signingKey is not null)
            {
                var listen = new Uri($"http://127.0.0.1:{FreePort()}");
                environment["Http__Listen"] = listen.ToString().TrimEnd('/');
                environment["Discord__PublicKey"] = Convert.ToHexStringLower(signingKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));
                endpoints.Add(new Uri(listen, "/interactions"));
            }

            processes.Add(BotProcess.Start(environment));
        }

        var bot = new BotGroup(processes);
        var ready = Task.WhenAll(Enumerable.Range(0, topology.Processes).Select(shard => fake.WaitForDispatchSentAsync("READY", shard, timeout: StartTimeout)));
        while (!ready.IsCompleted && bot.ExitedEarly is null && clock.Elapsed < StartTimeout)
        {
            await Task.WhenAny(ready, Task.Delay(20));
        }

        var reason = !ready.IsCompletedSuccessfully
            ? bot.ExitedEarly is { } exited
                ? $"the host ended before READY ({exited}); last log lines: {LastLines(bot.LogTail, 3)}"
                : $"no READY on every shard within {StartTimeout.TotalSeconds:0} s; last log lines: {LastLines(bot.LogTail, 3)}"
            : null;
        var startToReady = clock.Elapsed;
        if (reason is null)
        {
            foreach (var process in processes)
            {
                await process.WaitStartedAsync(TimeSpan.FromSeconds(5));
            }

            reason = await WaitListeningAsync(endpoints, bot);
        }

        if (reason is not null)
        {
            await bot.DisposeAsync();
            await fake.DisposeAsync();
            signingKey?.Dispose();
            return (null, reason);
        }

        return (new BotRig(fake, bot, startToReady, topology, endpoints, signingKey), null);
    }

    /// <summary>The listener opens only after the host has started its gateway; /healthz answers once it is up.</summary>
    private static async Task<string?> WaitListeningAsync(IReadOnlyList<Uri> endpoints, BotGroup bot)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var endpoint in endpoints)
        {
            var health = new Uri(endpoint, "/healthz");
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(health);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening but slow to answer; asked again below.
                }

                if (bot.ExitedEarly is not null || clock.Elapsed > StartTimeout)
                {
                    return $"{health} never answered 200; last log lines: {LastLines(bot.LogTail, 3)}";
                }

                await Task.Delay(50);
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LastLines(string text, int count) =>
        string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count).Select(l => l.Trim()));

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Fake.DisposeAsync();
        _signingKey?.Dispose();
    }
}
