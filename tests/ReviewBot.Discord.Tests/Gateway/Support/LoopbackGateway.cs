using FakeDiscord;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Transport;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>FakeDiscord on loopback plus a real-socket gateway client on a fake clock.</summary>
internal sealed class LoopbackGateway : IAsyncDisposable
{
    private LoopbackGateway(FakeDiscordServer fake, GatewayHarness harness, ObservedTimeProvider time)
    {
        Fake = fake;
        Harness = harness;
        Time = time;
    }

    public FakeDiscordServer Fake { get; }

    public GatewayHarness Harness { get; }

    public ObservedTimeProvider Time { get; }

    public DiscordGateway Gateway => Harness.Gateway;

    public RecordingEventHandler Events => Harness.Handler;

    public static async Task<LoopbackGateway> StartAsync(FakeDiscordOptions? fakeOptions = null, string shardCount = "1", string? token = null, int maxConcurrency = 0, string shardIds = "", Action<GatewayOptions>? tune = null, Func<FakeDiscordServer, IGatewayBotSource>? botSource = null)
    {
        var fake = await FakeDiscordServer.StartAsync(fakeOptions);
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = token ?? fake.Options.Token, GatewayUrl = fake.GatewayUrl, ShardCount = shardCount, ShardIds = shardIds };
        IGatewayBotSource? source = null;
        if (maxConcurrency > 0)
        {
            options.GatewayUrl = null;
            source = new StubGatewayBotSource(new GatewayBotResponse(fake.GatewayUrl.ToString(), int.Parse(shardCount == "auto" ? "3" : shardCount), new SessionStartLimit(1000, 1000, 0, maxConcurrency)));
            options.ShardCount = "auto";
        }

        if (botSource is not null)
        {
            options.GatewayUrl = null;
            source = botSource(fake);
        }

        var gatewayOptions = GatewayHarness.TestOptions(tune);
        var harness = new GatewayHarness(options, new WebSocketGatewayTransportFactory(Microsoft.Extensions.Options.Options.Create(gatewayOptions)), time, source, gatewayOptions: gatewayOptions);
        await harness.Gateway.StartAsync(CancellationToken.None);
        return new LoopbackGateway(fake, harness, time);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

/// <summary>GET /gateway/bot answering <paramref name="response"/>, then <paramref name="later"/> (when given) from the second call on.</summary>
internal sealed class StubGatewayBotSource(GatewayBotResponse response, GatewayBotResponse? later = null) : IGatewayBotSource
{
    public int Calls { get; private set; }

    public Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(Calls > 1 && later is not null ? later : response);
    }
}
