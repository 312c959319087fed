using ReviewBot.Discord.Gateway;
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

    /// <summary>A server's changed settings reach their handler with its system channel, in order with the other server events.</summary>
    [Fact]
    public async Task Dispatcher_GuildUpdate_ReachesItsHandlerInOrder()
    {
        var factory = new ScriptedTransportFactory();
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, new ObservedTimeProvider());
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();

        connection.Dispatch("GUILD_CREATE", 2, """{"id":"10","name":"a","system_channel_id":null,"channels":[]}""");
        connection.Dispatch("GUILD_UPDATE", 3, """{"id":"10","name":"a","system_channel_id":"13"}""");
        connection.Dispatch("CHANNEL_DELETE", 4, """{"id":"11","guild_id":"10","type":0}""");
        await harness.Handler.WaitForAsync<ChannelDeleteEvent>();

        var updated = Assert.Single(harness.Handler.Events.OfType<GuildUpdateEvent>());
        Assert.Equal((10UL, 13UL), (updated.GuildId.Value, updated.SystemChannelId!.Value.Value));
        var order = harness.Handler.Events.Select(e => e.GetType().Name);
        Assert.Equal([nameof(ReadyEvent), nameof(GuildCreateEvent), nameof(GuildUpdateEvent), nameof(ChannelDeleteEvent)], order);
    }

    /// <summary>A deleted role reaches its handler with the server's and the role's ids, in order with the other server events.</summary>
    [Fact]
    public async Task Dispatcher_GuildRoleDelete_ReachesItsHandlerInOrder()
    {
        var factory = new ScriptedTransportFactory();
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, new ObservedTimeProvider());
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();

        connection.Dispatch("GUILD_CREATE", 2, """{"id":"10","name":"a","channels":[],"roles":[{"id":"10","name":"@everyone"},{"id":"12","name":"readers"}]}""");
        connection.Dispatch("GUILD_ROLE_DELETE", 3, """{"guild_id":"10","role_id":"12"}""");
        connection.Dispatch("CHANNEL_DELETE", 4, """{"id":"11","guild_id":"10","type":0}""");
        await harness.Handler.WaitForAsync<ChannelDeleteEvent>();

        var created = Assert.Single(harness.Handler.Events.OfType<GuildCreateEvent>());
        Assert.Equal([10UL, 12UL], created.Guild.Roles!.Select(r => r.Id.Value));
        var deleted = Assert.Single(harness.Handler.Events.OfType<GuildRoleDeleteEvent>());
        Assert.Equal((10UL, 12UL), (deleted.GuildId.Value, deleted.RoleId.Value));
        var order = harness.Handler.Events.Select(e => e.GetType().Name);
        Assert.Equal([nameof(ReadyEvent), nameof(GuildCreateEvent), nameof(GuildRoleDeleteEvent), nameof(ChannelDeleteEvent)], order);
    }

    /// <summary>
    /// After READY a shard announces each of its servers (up to Discord's 2,500 a shard) in a GUILD_CREATE;
    /// while their handler is slow (a database lock, a rate-limited post), an interaction behind that
    /// wave still reaches its handler at once, within Discord's 3 s.
    /// </summary>
    [Fact]
    public async Task Dispatcher_AShardsWholeGuildWaveBehindASlowGuildHandler_DoesNotHoldBackAnInteraction()
    {
        var factory = new ScriptedTransportFactory();
        var handler = new SlowGuildHandler();
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, new ObservedTimeProvider(), extraHandler: handler);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();

        for (var i = 0; i < GatewayOptions.MaxGuildsPerShard; i++)
        {
            connection.Dispatch("GUILD_CREATE", 2 + i, "{\"id\":\"" + (10 + i) + "\",\"name\":\"g\",\"channels\":[]}");
        }

        connection.Dispatch("INTERACTION_CREATE", 5_000, """{"id":"1","application_id":"2","type":2,"token":"x","version":1}""");
        var reached = await Task.WhenAny(handler.Interaction.Task, Task.Delay(TimeSpan.FromSeconds(3))) == handler.Interaction.Task;
        handler.Release.SetResult();

        Assert.True(reached, "the interaction waited behind the guild events");
    }

    [Fact]
    public async Task Start_SessionStartLimitSpent_FirstIdentifyWaitsForResetAfter()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        // Asked again once reset_after has passed, Discord gives the day's starts back.
        var source = new StubGatewayBotSource(
            new GatewayBotResponse("wss://gateway.test", 1, new SessionStartLimit(1000, 0, 60_000, 1)),
            new GatewayBotResponse("wss://gateway.test", 1, new SessionStartLimit(1000, 1000, 86_400_000, 1)));
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

    private sealed class SlowGuildHandler : IGatewayEventHandler<GuildCreateEvent>, IGatewayEventHandler<InteractionCreateEvent>
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Interaction { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(GuildCreateEvent gatewayEvent, CancellationToken cancellationToken) => await Release.Task.WaitAsync(cancellationToken);

        public Task HandleAsync(InteractionCreateEvent gatewayEvent, CancellationToken cancellationToken)
        {
            Interaction.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
