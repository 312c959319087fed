using System.Text.Json.Nodes;
using FakeDiscord;
using FakeDiscord.Gateway;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class GatewayLifecycleTests
{
    [Fact]
    public async Task Start_AgainstFakeDiscord_IdentifiesWithTheTokenAndOnlyTheGuildsIntent()
    {
        await using var loop = await LoopbackGateway.StartAsync();

        var identify = await loop.Fake.WaitForIdentifyAsync();

        Assert.Equal(FakeDiscordServer.GatewayPath, identify.Path);
        Assert.Equal(loop.Fake.Options.Token, identify.Data!["token"]!.GetValue<string>());
        Assert.Equal(GatewayOptions.GuildsIntent, identify.Data["intents"]!.GetValue<int>());
    }

    [Fact]
    public async Task Start_AgainstFakeDiscord_IdentifiesAsShardZeroOfOne_WithConnectionProperties()
    {
        await using var loop = await LoopbackGateway.StartAsync();

        var properties = (await loop.Fake.WaitForIdentifyAsync()).Data!;

        Assert.Equal([0, 1], properties["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal("reviewbot", properties["properties"]!["browser"]!.GetValue<string>());
        Assert.Equal("reviewbot", properties["properties"]!["device"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(properties["properties"]!["os"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Start_AgainstFakeDiscord_RaisesReadyWithTheSessionAndTheBotUser()
    {
        await using var loop = await LoopbackGateway.StartAsync();

        var ready = await loop.Events.WaitForAsync<ReadyEvent>();

        Assert.Equal(loop.Fake.GatewaySessions.Single().SessionId, ready.SessionId);
        Assert.Equal(loop.Fake.Options.BotUserId, ready.BotUserId.Value);
        Assert.Equal(0, ready.ShardId);
    }

    [Fact]
    public async Task Dispatch_EventsTheBotUses_AreSurfacedTyped()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.DispatchAsync("GUILD_CREATE", JsonNode.Parse("""{"id":"81384788765712384","name":"Anime Club","unavailable":false,"member_count":42,"system_channel_id":"81384788765712385","channels":[{"id":"81384788765712386","type":0,"name":"reviews"}],"roles":[]}""")!);
        await loop.Fake.DispatchAsync("CHANNEL_DELETE", JsonNode.Parse("""{"id":"81384788765712386","guild_id":"81384788765712384","type":0}""")!);
        await loop.Fake.DispatchAsync("GUILD_DELETE", JsonNode.Parse("""{"id":"81384788765712384"}""")!);
        await loop.Fake.DispatchAsync("INTERACTION_CREATE", JsonNode.Parse("""{"id":"1","application_id":"2","type":2,"token":"interaction-token","version":1,"data":{"id":"3","name":"review","type":1}}""")!);

        var guild = await loop.Events.WaitForAsync<GuildCreateEvent>();
        var channel = await loop.Events.WaitForAsync<ChannelDeleteEvent>();
        var deleted = await loop.Events.WaitForAsync<GuildDeleteEvent>();
        var interaction = await loop.Events.WaitForAsync<InteractionCreateEvent>();

        Assert.Equal(81384788765712384UL, guild.Guild.Id.Value);
        Assert.False(guild.Guild.Unavailable);
        Assert.Equal(81384788765712385UL, guild.Guild.SystemChannelId!.Value.Value);
        Assert.Equal(81384788765712386UL, Assert.Single(guild.Guild.Channels!).Id.Value);
        Assert.Equal(81384788765712384UL, channel.Channel.GuildId!.Value.Value);
        Assert.False(deleted.Unavailable);
        Assert.Equal("review", interaction.Interaction.Data!.Name);
    }

    [Fact]
    public async Task Dispatch_UnknownEvent_IsIgnoredAndLaterEventsStillArrive()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.DispatchAsync("SOME_FUTURE_EVENT", new { anything = 1 });
        await loop.Fake.DispatchAsync("GUILD_DELETE", JsonNode.Parse("""{"id":"5","unavailable":true}""")!);

        var deleted = await loop.Events.WaitForAsync<GuildDeleteEvent>();
        Assert.True(deleted.Unavailable);
        Assert.False(loop.Gateway.Completion.IsCompleted);
        Assert.DoesNotContain(loop.Events.Events, e => e is not ReadyEvent and not GuildDeleteEvent);
    }

    [Fact]
    public async Task HeartbeatRequest_FromServer_IsAnsweredAtOnceWithLastSequence()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.RequestHeartbeatAsync();

        var heartbeat = await loop.Fake.WaitForHeartbeatAsync();
        Assert.Equal(1, heartbeat.Data!.GetValue<int>());
    }

    [Fact]
    public async Task Receive_MessageSplitOverSeveralFrames_IsReassembled()
    {
        await using var loop = await LoopbackGateway.StartAsync(new FakeDiscordOptions { GatewayFrameSplitBytes = 16 });

        var ready = await loop.Events.WaitForAsync<ReadyEvent>();

        Assert.Equal(loop.Fake.GatewaySessions.Single().SessionId, ready.SessionId);
    }

    [Fact]
    public async Task Start_WithGatewayLatency_StillReachesReadyAndAnswersHeartbeatRequests()
    {
        await using var loop = await LoopbackGateway.StartAsync(new FakeDiscordOptions { GatewayLatency = TimeSpan.FromMilliseconds(30) });
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.RequestHeartbeatAsync();

        await loop.Fake.WaitForHeartbeatAsync();
        await loop.Fake.GatewayRecorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.ToClient && f.Op == (int)GatewayOpCode.HeartbeatAck);
    }

    [Fact]
    public async Task Logs_ThroughIdentifyResumeAndFatalClose_NeverContainTheToken()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();
        await loop.Fake.DropGatewayConnectionAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        await loop.Fake.CloseGatewayAsync(4004);
        await Assert.ThrowsAsync<ReviewBot.Discord.Gateway.GatewayFatalException>(() => loop.Gateway.Completion);

        var logs = loop.Harness.AllLogText();

        Assert.Contains("READY", logs);
        Assert.Contains("4004", logs);
        Assert.DoesNotContain(loop.Fake.Options.Token, logs);
        Assert.DoesNotContain("secret", logs);
    }

    [Fact]
    public async Task Stop_WhileConnected_ClosesWith1000AndCompletes()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Gateway.StopAsync(CancellationToken.None);

        await loop.Gateway.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        var close = await loop.Fake.WaitForClientCloseAsync();
        Assert.Equal(1000, close.CloseCode);
        Assert.Equal(FakeGatewayDirection.FromClient, close.Direction);
    }
}
