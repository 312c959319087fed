using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>What Discord (or anything in its place) may send that the bot cannot use must cost neither the connection nor a handler.</summary>
public sealed class GatewayOddTrafficTests
{
    [Theory]
    [InlineData("""{"op":0,"s":2,"t":"GUILD_CREATE"}""")]
    [InlineData("""{"op":0,"s":2,"t":"GUILD_CREATE","d":null}""")]
    [InlineData("""{"op":0,"s":2,"t":"GUILD_CREATE","d":{"id":"not a snowflake"}}""")]
    [InlineData("""{"op":0,"s":2,"t":"CHANNEL_DELETE","d":null}""")]
    [InlineData("""{"op":0,"s":2,"t":"GUILD_DELETE","d":[]}""")]
    [InlineData("""{"op":0,"s":2,"t":"INTERACTION_CREATE"}""")]
    [InlineData("""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":null}""")]
    [InlineData("""{"op":0,"s":2,"t":"READY","d":{"v":10,"user":{"id":"42"},"guilds":[],"resume_gateway_url":"wss://resume.test","shard":[0,1]}}""")]
    [InlineData("""{"op":0,"s":2,"t":"READY","d":{"v":10,"guilds":[],"session_id":"s2","resume_gateway_url":"wss://resume.test","shard":[0,1]}}""")]
    [InlineData("""{"op":0,"s":2,"t":"SOMETHING_NEW","d":{"x":[1,2,3]}}""")]
    [InlineData("""{"op":42,"d":{"x":1}}""")]
    [InlineData("""{"op":0,"s":2,"t""")]
    [InlineData("""{"d":{"x":1}}""")]
    [InlineData("""{"op":"zero","d":{"x":1}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"op":0,"s":2,"d":{"x":1}}""")]
    [InlineData("""{"op":0,"s":1e12,"t":"SOMETHING_NEW","d":{"x":1}}""")]
    public async Task Frame_UnreadableOrUnused_IsSkippedAndTheConnectionGoesOn(string payload)
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, time);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        connection.Ready();
        await harness.Handler.WaitForAsync<ReadyEvent>();

        connection.Receive(payload);
        connection.Dispatch("GUILD_DELETE", 3, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();

        Assert.Equal(1, factory.Created);
        Assert.Equal(3, Assert.Single(harness.Gateway.GetShardStatuses()).Sequence);
        Assert.Equal(2, harness.Handler.Events.Count);
    }

    /// <summary>
    /// A Hello the heartbeat cannot be timed from is a broken connection like any other: closed with a
    /// code that keeps the Session, then retried with the reconnect backoff, never left without heartbeats.
    /// </summary>
    [Theory]
    [InlineData("""{"op":10}""")]
    [InlineData("""{"op":10,"d":null}""")]
    [InlineData("""{"op":10,"d":{}}""")]
    [InlineData("""{"op":10,"d":[41250]}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":"soon"}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":41250.5}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":0}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":-41250}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":2147483647}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":99999999999999}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":1000000000000000000}}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":1e400}}""")]
    public async Task Hello_WithoutAUsableHeartbeatInterval_ClosesAndRetriesWithBackoff(string hello)
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, time);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var first = await factory.NextConnectionAsync();

        first.Receive(hello);
        var firstClose = await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await factory.NextConnectionAsync();
        second.Receive(hello);
        var secondClose = await second.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var backoff = await time.WaitForTimerAsync(ReconnectBackoff.BaseDelay / 2, ReconnectBackoff.BaseDelay);
        var createdBeforeBackoff = factory.Created;
        time.Advance(backoff);
        var third = await factory.NextConnectionAsync();
        third.Hello(45_000);
        await third.NextSentAsync(GatewayOpCode.Identify);

        Assert.Equal(2, createdBeforeBackoff);
        Assert.All(new[] { firstClose, secondClose }, code => Assert.DoesNotContain(code, new[] { 1000, 1001 }));
        Assert.Empty(first.Sent);
        Assert.Empty(second.Sent);
        Assert.False(harness.Gateway.Completion.IsCompleted);
        var warnings = harness.LogProvider.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Message.Contains("Hello", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Null(w.Exception));
    }

    [Fact]
    public async Task Hello_SecondOnTheSameConnection_IsIgnoredWithoutASecondIdentifyOrHeartbeatLoop()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, time);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();
        await harness.Handler.WaitForAsync<ReadyEvent>();

        connection.Hello(45_000);
        connection.Dispatch("GUILD_DELETE", 2, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();

        Assert.Single(connection.Sent, p => p["op"]!.GetValue<int>() == (int)GatewayOpCode.Identify);
        Assert.Equal(1, factory.Created);
    }

    /// <summary>A peer sending nothing but junk must not fill the log: the first skipped frame is an error, the rest are summed up once.</summary>
    [Fact]
    public async Task Frames_ManyUnreadable_LogOneErrorAndOneSumWhenTheConnectionEnds()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, time);
        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        connection.Ready();
        await harness.Handler.WaitForAsync<ReadyEvent>();

        for (var i = 0; i < 50; i++)
        {
            connection.Receive("""{"op":0,"s":2,"t""");
            connection.Receive("""{"op":0,"s":2,"t":"GUILD_CREATE","d":{"id":"not a snowflake"}}""");
        }

        connection.Dispatch("GUILD_DELETE", 3, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
        var errorsWhileConnected = harness.LogProvider.Collector.GetSnapshot().Count(r => r.Level >= LogLevel.Error);
        connection.Drop();
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal(1, errorsWhileConnected);
        Assert.Contains(harness.LogProvider.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("100", StringComparison.Ordinal));
    }
}
