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
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
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

    /// <summary>
    /// A Reconnect right after each RESUMED (a peer that keeps asking) would otherwise reconnect at once,
    /// for ever: a Session proves itself healthy only once a heartbeat in it was acknowledged.
    /// </summary>
    [Fact]
    public async Task Reconnect_AgainRightAfterEachResume_BacksOff()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
        await using var _ = harness;

        connection.Receive("""{"op":7,"d":null}""");
        var second = await factory.NextConnectionAsync();
        second.Hello(45_000);
        await second.NextSentAsync(GatewayOpCode.Resume);
        second.Dispatch("RESUMED", 2, "{}");
        await harness.Handler.WaitForAsync<ResumedEvent>();
        second.Receive("""{"op":7,"d":null}""");
        var backoff = await time.WaitForTimerAsync(ReconnectBackoff.BaseDelay / 2, ReconnectBackoff.BaseDelay);
        var createdBeforeBackoff = factory.Created;
        time.Advance(backoff);
        var third = await factory.NextConnectionAsync();
        third.Hello(45_000);
        await third.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal(2, createdBeforeBackoff);
    }

    [Fact]
    public async Task Reconnect_AfterASessionWithAnAcknowledgedHeartbeat_GoesAtOnce()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
        await using var _ = harness;
        connection.Receive("""{"op":7,"d":null}""");
        var second = await factory.NextConnectionAsync();
        second.Hello(45_000);
        await second.NextSentAsync(GatewayOpCode.Resume);
        second.Dispatch("RESUMED", 2, "{}");
        await harness.Handler.WaitForAsync<ResumedEvent>();

        second.Receive("""{"op":1,"d":null}""");
        await second.NextSentAsync(GatewayOpCode.Heartbeat);
        second.Receive("""{"op":11}""");
        second.Receive("""{"op":7,"d":null}""");
        var third = await factory.NextConnectionAsync();
        third.Hello(45_000);
        await third.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal(3, factory.Created);
    }
}
