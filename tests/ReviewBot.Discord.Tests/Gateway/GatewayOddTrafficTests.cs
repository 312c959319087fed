using ReviewBot.Discord.Gateway.Events;
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
    [InlineData("""{"op":0,"s":2,"t":"READY","d":{"v":10,"user":{"id":"42"},"guilds":[],"session_id":"s2","shard":[0,1]}}""")]
    [InlineData("""{"op":0,"s":2,"t":"READY","d":{"v":10,"user":{"id":"42"},"guilds":[],"session_id":"s2","resume_gateway_url":"not a url","shard":[0,1]}}""")]
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
}
