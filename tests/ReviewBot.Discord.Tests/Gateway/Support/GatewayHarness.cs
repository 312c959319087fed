using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>Builds a <see cref="DiscordGateway"/> the way DI would, with test transports, clock and log capture.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const int Seed = 1234;

    public GatewayHarness(DiscordOptions options, IGatewayTransportFactory transports, TimeProvider time, IGatewayBotSource? botSource = null, object? extraHandler = null, GatewayOptions? gatewayOptions = null, IIdentifyCoordinator? identifyCoordinator = null)
    {
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(LogProvider));
        gatewayOptions ??= TestOptions();
        GatewayOptions = gatewayOptions;
        Gateway = new DiscordGateway(
            Options.Create(options),
            Options.Create(gatewayOptions),
            botSource is null ? [] : [botSource],
            extraHandler is null ? GatewayEventHandlers.Of(Handler) : GatewayEventHandlers.Of(extraHandler, Handler),
            transports,
            time,
            LoggerFactory,
            identifyCoordinator);
    }

    public FakeLoggerProvider LogProvider { get; } = new();

    public GatewayOptions GatewayOptions { get; }

    public ILoggerFactory LoggerFactory { get; }

    public RecordingEventHandler Handler { get; } = new();

    public DiscordGateway Gateway { get; }

    /// <summary>Gateway tuning as tests use it: the fixed <see cref="Seed"/>, the rest at defaults unless <paramref name="tune"/> changes them.</summary>
    public static GatewayOptions TestOptions(Action<GatewayOptions>? tune = null)
    {
        var options = new GatewayOptions { RandomSeed = Seed };
        tune?.Invoke(options);
        return options;
    }

    /// <summary>A started gateway of one Shard on a scripted transport and a fake clock, with its first connection open.</summary>
    public static async Task<(GatewayHarness Harness, ScriptedTransportFactory Factory, ObservedTimeProvider Time, ScriptedGatewayTransport Connection)> StartScriptedAsync()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        var harness = new GatewayHarness(options, factory, time);
        try
        {
            await harness.Gateway.StartAsync(CancellationToken.None);
            return (harness, factory, time, await factory.NextConnectionAsync());
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same, with its Session READY: Hello answered by Identify, then READY handled.</summary>
    public static async Task<(GatewayHarness Harness, ScriptedTransportFactory Factory, ObservedTimeProvider Time, ScriptedGatewayTransport Connection)> StartScriptedReadyAsync()
    {
        var started = await StartScriptedAsync();
        try
        {
            started.Connection.Hello(45_000);
            await started.Connection.NextSentAsync(GatewayOpCode.Identify);
            started.Connection.Ready();
            await started.Harness.Handler.WaitForAsync<ReadyEvent>();
            return started;
        }
        catch
        {
            await started.Harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first random draw of shard <paramref name="shardId"/>: its first heartbeat jitter.</summary>
    public static double FirstJitter(int shardId) => new Random(Seed + shardId).NextDouble();

    public string AllLogText() =>
        string.Join("\n", LogProvider.Collector.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(",", r.StructuredState?.Select(kv => kv.Value) ?? [])}"));

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        LoggerFactory.Dispose();
    }
}
