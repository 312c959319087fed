using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Transport;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class AddDiscordGatewayTests
{
    [Fact]
    public async Task AddDiscordGateway_WithHandler_ResolvesGatewayWithRealTransportAndSystemClock()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DiscordOptions>(o => { o.Token = "t"; o.GatewayUrl = new Uri("wss://gateway.test"); o.ShardCount = "1"; });
        services.AddDiscordGateway(o => o.MaxConcurrentHandlers = 2);
        services.AddGatewayEventHandler<RecordingEventHandler>();
        await using var provider = services.BuildServiceProvider();

        var gateway = provider.GetRequiredService<DiscordGateway>();

        Assert.IsType<WebSocketGatewayTransportFactory>(provider.GetRequiredService<IGatewayTransportFactory>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        var handler = provider.GetRequiredService<RecordingEventHandler>();
        Assert.Same(handler, Assert.Single(provider.GetServices<IGatewayEventHandler<ReadyEvent>>()));
        Assert.Same(handler, Assert.Single(provider.GetServices<IGatewayEventHandler<InteractionCreateEvent>>()));
        Assert.Same(gateway, provider.GetRequiredService<DiscordGateway>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(GatewayOptionsValidator.MinMaxMessageBytes - 1)]
    [InlineData(GatewayOptionsValidator.MaxMaxMessageBytes + 1)]
    [InlineData(-1)]
    public async Task AddDiscordGateway_MaxMessageBytesOutOfRange_FailsNamingTheSettingAndItsRange(int maxMessageBytes)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DiscordOptions>(o => { o.Token = "t"; o.GatewayUrl = new Uri("wss://gateway.test"); o.ShardCount = "1"; });
        services.AddDiscordGateway(o => o.MaxMessageBytes = maxMessageBytes);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value);

        var failure = Assert.Single(error.Failures);
        Assert.Contains("GatewayOptions.MaxMessageBytes", failure, StringComparison.Ordinal);
        Assert.Contains($"{GatewayOptionsValidator.MinMaxMessageBytes} to {GatewayOptionsValidator.MaxMaxMessageBytes}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayOptions_Defaults_AreValid()
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.InRange(GatewayOptions.DefaultMaxMessageBytes, 16 * 1024 * 1024, 32 * 1024 * 1024);
    }

    [Fact]
    public async Task StartAsync_WithoutToken_FailsNamingTheKey()
    {
        var options = new DiscordOptions { Token = "", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, new ScriptedTransportFactory(), new ObservedTimeProvider());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Gateway.StartAsync(CancellationToken.None));

        Assert.Contains("Discord:Token", error.Message);
    }

    [Fact]
    public async Task Handler_SlowOrThrowing_DoesNotStopLaterEvents()
    {
        var (harness, connection) = await ReadyAsync(new ThrowingHandler());
        await using var _ = harness;
        connection.Dispatch("GUILD_DELETE", 2, """{"id":"3"}""");

        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
        Assert.Contains(harness.LogProvider.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains(nameof(ThrowingHandler)));
    }

    /// <summary>An interaction the Discord layer cannot read is logged by name and costs nothing else: later events still arrive.</summary>
    [Theory]
    [InlineData("""{"type":2,"token":"x"}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"\ud800"}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"name":"review","options":[{"name":"show","type":3,"value":"a\udc00b"}]}}""")]
    public async Task Dispatch_UnreadableInteraction_IsLoggedAndLaterEventsArrive(string interaction)
    {
        var (harness, connection) = await ReadyAsync();
        await using var _ = harness;
        connection.Dispatch("INTERACTION_CREATE", 2, interaction);
        connection.Dispatch("GUILD_DELETE", 3, """{"id":"3"}""");

        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
        Assert.DoesNotContain(harness.Handler.Events, e => e is InteractionCreateEvent);
        Assert.Contains(harness.LogProvider.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("INTERACTION_CREATE", StringComparison.Ordinal));
    }

    /// <summary>An event whose name is no Unicode text (an escaped lone surrogate) is one the bot does not read, not the end of the connection.</summary>
    [Fact]
    public async Task Dispatch_EventNameThatIsNotUnicode_IsSkippedAndLaterEventsArrive()
    {
        var (harness, connection) = await ReadyAsync();
        await using var _ = harness;
        connection.Dispatch("\\ud800", 2, "{}");
        connection.Dispatch("GUILD_DELETE", 3, """{"id":"3"}""");

        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
    }

    /// <summary>A handler subscribes to the event types it implements and no others.</summary>
    [Fact]
    public void AddGatewayEventHandler_OneEventType_GetsOnlyThatType_AndAddingItTwiceAddsItOnce()
    {
        var services = new ServiceCollection();
        services.AddGatewayEventHandler<ThrowingHandler>();
        services.AddGatewayEventHandler<ThrowingHandler>();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ThrowingHandler>(Assert.Single(provider.GetServices<IGatewayEventHandler<GuildDeleteEvent>>()));
        Assert.Empty(provider.GetServices<IGatewayEventHandler<GuildCreateEvent>>());
        Assert.Empty(provider.GetServices<IGatewayEventHandler<InteractionCreateEvent>>());
    }

    /// <summary>A gateway started on a scripted connection that has said Hello, been identified to and sent READY.</summary>
    private static async Task<(GatewayHarness Harness, ScriptedGatewayTransport Connection)> ReadyAsync(object? extraHandler = null)
    {
        var factory = new ScriptedTransportFactory();
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        var harness = new GatewayHarness(options, factory, new ObservedTimeProvider(), extraHandler: extraHandler);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();
        return (harness, connection);
    }

    private sealed class ThrowingHandler : IGatewayEventHandler<GuildDeleteEvent>
    {
        public Task HandleAsync(GuildDeleteEvent gatewayEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("handler bug");
    }
}
