using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class GatewayDispatcherTests
{
    [Fact]
    public async Task Dispatcher_GuildEventsWhileAnInteractionHandlerIsSlow_KeepOrderAndAreNotBlocked()
    {
        var factory = new ScriptedTransportFactory();
        var slow = new BlockingInteractionHandler();
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, new ObservedTimeProvider(), extraHandler: slow);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();

        connection.Dispatch("INTERACTION_CREATE", 2, """{"id":"1","application_id":"2","type":2,"token":"x","version":1}""");
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        connection.Dispatch("GUILD_CREATE", 3, """{"id":"10","name":"a","channels":[]}""");
        connection.Dispatch("CHANNEL_DELETE", 4, """{"id":"11","guild_id":"10","type":0}""");
        await harness.Handler.WaitForAsync<ChannelDeleteEvent>();
        slow.Release.SetResult();

        var order = harness.Handler.Events.Where(e => e is not InteractionCreateEvent).Select(e => e.GetType().Name);
        Assert.Equal([nameof(ReadyEvent), nameof(GuildCreateEvent), nameof(ChannelDeleteEvent)], order);
    }

    [Fact]
    public async Task Start_SessionStartLimitSpent_FirstIdentifyWaitsForResetAfter()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var source = new StubGatewayBotSource(new GatewayBotResponse("wss://gateway.test", 1, new SessionStartLimit(1000, 0, 60_000, 1)));
        await using var harness = new GatewayHarness(new DiscordOptions { Token = "t", ShardCount = "auto" }, factory, time, source);

        await harness.Gateway.StartAsync(CancellationToken.None);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(60_000));
        var createdBeforeReset = factory.Created;
        time.Advance(TimeSpan.FromMilliseconds(60_000));
        await factory.NextConnectionAsync();

        Assert.Equal(0, createdBeforeReset);
    }

    private sealed class BlockingInteractionHandler : IGatewayEventHandler<InteractionCreateEvent>
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(InteractionCreateEvent gatewayEvent, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }
}
