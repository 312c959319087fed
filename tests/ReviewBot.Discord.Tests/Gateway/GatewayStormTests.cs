using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>The same control frame over and over must cost neither the receive loop nor a reconnect without pause.</summary>
public sealed class GatewayStormTests
{
    [Fact]
    public async Task HeartbeatRequests_MoreThanTheSendLimitAllows_DoNotStopTheReceiveLoop()
    {
        var (harness, factory, time, connection) = await StartReadyAsync();
        await using var _ = harness;

        for (var i = 0; i < 2 * GatewaySendLimiter.PriorityLimit; i++)
        {
            connection.Receive("""{"op":1,"d":null}""");
        }

        connection.Receive("""{"op":11}""");
        connection.Dispatch("GUILD_DELETE", 2, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();

        var heartbeats = connection.Sent.Count(p => p["op"]!.GetValue<int>() == (int)GatewayOpCode.Heartbeat);
        Assert.InRange(heartbeats, 1, GatewaySendLimiter.PriorityLimit - 1);
        Assert.False(connection.Closed.IsCompleted);
        Assert.Equal(1, factory.Created);
    }

    private static async Task<(GatewayHarness Harness, ScriptedTransportFactory Factory, ObservedTimeProvider Time, ScriptedGatewayTransport Connection)> StartReadyAsync()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        var harness = new GatewayHarness(options, factory, time);
        try
        {
            await harness.Gateway.StartAsync(CancellationToken.None);
            var connection = await factory.NextConnectionAsync();
            connection.Hello(45_000);
            await connection.NextSentAsync(GatewayOpCode.Identify);
            connection.Ready();
            await harness.Handler.WaitForAsync<ReadyEvent>();
            return (harness, factory, time, connection);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }
}
