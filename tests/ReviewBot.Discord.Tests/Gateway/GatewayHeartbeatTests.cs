using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>Heartbeat timing on a scripted transport and a fake clock (docs: Events, Gateway, "Sending Heartbeats").</summary>
public sealed class GatewayHeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(41_250);

    [Fact]
    public async Task Heartbeat_AfterHello_FirstAtIntervalTimesJitterThenEveryInterval()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;

        connection.Hello((int)Interval.TotalMilliseconds);
        Assert.Equal(2, (await connection.NextSentAsync())["op"]!.GetValue<int>());
        connection.Ready(sequence: 1);
        await harness.Handler.WaitForAsync<ReadyEvent>();
        var firstDelay = TimeSpan.FromMilliseconds(Math.Floor(Interval.TotalMilliseconds * GatewayHarness.FirstJitter(0)));
        await time.WaitForTimerAsync(firstDelay);

        time.Advance(firstDelay - TimeSpan.FromTicks(1));
        Assert.DoesNotContain(connection.Sent, p => p["op"]!.GetValue<int>() == 1);
        time.Advance(TimeSpan.FromTicks(1));
        var first = await connection.NextSentAsync();
        connection.Receive("""{"op":11}""");
        await time.WaitForTimerAsync(Interval);
        connection.Dispatch("GUILD_DELETE", 2, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
        time.Advance(Interval);
        var second = await connection.NextSentAsync();

        Assert.InRange(firstDelay, TimeSpan.Zero, Interval);
        Assert.Equal(1, first["op"]!.GetValue<int>());
        Assert.Equal(1, first["d"]!.GetValue<int>());
        Assert.Equal(1, second["op"]!.GetValue<int>());
        Assert.Equal(2, second["d"]!.GetValue<int>());
    }

    [Fact]
    public async Task Heartbeat_BeforeAnyDispatch_SendsNullSequence()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;

        connection.Hello(1000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Receive("""{"op":1,"d":null}""");
        var heartbeat = await connection.NextSentAsync(GatewayOpCode.Heartbeat);

        Assert.Null(heartbeat["d"]);
    }

    [Fact]
    public async Task Heartbeat_NoAckBetweenTwoHeartbeats_ClosesZombieWithNon1000AndResumes()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;
        connection.Hello(1000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready(sessionId: "zombie-session", resumeUrl: "wss://resume.test/", sequence: 1);
        connection.Dispatch("GUILD_DELETE", 5, """{"id":"9"}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();
        var firstDelay = TimeSpan.FromMilliseconds(Math.Floor(1000 * GatewayHarness.FirstJitter(0)));
        await time.WaitForTimerAsync(firstDelay);
        time.Advance(firstDelay);
        await connection.NextSentAsync(GatewayOpCode.Heartbeat);

        // No op 11 arrives.
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1000));
        time.Advance(TimeSpan.FromMilliseconds(1000));
        var closeCode = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await factory.NextConnectionAsync();
        next.Hello(1000);
        var resume = await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
        Assert.Equal("wss://resume.test/?v=10&encoding=json", next.Url!.ToString());
        Assert.Equal("zombie-session", resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(5, resume["d"]!["seq"]!.GetValue<int>());
        Assert.Equal("scripted-token", resume["d"]!["token"]!.GetValue<string>());
        Assert.DoesNotContain(next.Sent, p => p["op"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_WaitsBeforeIdentifyOnCachedGatewayUrl()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready();
        await harness.Handler.WaitForAsync<ReadyEvent>();

        connection.Receive("""{"op":9,"d":false}""");
        // The wait is under 5 s (1 s + [0, 1) * 4 s); our close's own 5 s timeout is not it.
        var delay = await time.WaitForTimerAsync(TimeSpan.FromSeconds(1), GatewayConnection.CloseTimeout - TimeSpan.FromTicks(1));
        time.Advance(delay - TimeSpan.FromTicks(1));
        var createdBeforeDelay = factory.Created;
        time.Advance(TimeSpan.FromSeconds(5));
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        await next.NextSentAsync(GatewayOpCode.Identify);
        Assert.Equal(1, createdBeforeDelay);
        Assert.Equal("wss://gateway.test/?v=10&encoding=json", next.Url!.ToString());
    }

    [Fact]
    public async Task Hello_NeverArrives_ConnectionIsAbandonedAfterTimeoutAndRetried()
    {
        var (harness, factory, time, silent) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;
        await time.WaitForTimerAsync(GatewayConnection.HelloTimeout);

        time.Advance(GatewayConnection.HelloTimeout);
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        var identify = await next.NextSentAsync(GatewayOpCode.Identify);

        Assert.Empty(silent.Sent);
        Assert.Equal(2, identify["op"]!.GetValue<int>());
    }

    [Fact]
    public async Task ShardStatus_AfterReadyAndAnAck_ReportsSessionSequenceAndLatency()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready(sessionId: "status-session", sequence: 1);
        await harness.Handler.WaitForAsync<ReadyEvent>();

        connection.Receive("""{"op":1,"d":null}""");
        await connection.NextSentAsync(GatewayOpCode.Heartbeat);
        time.Advance(TimeSpan.FromMilliseconds(120));
        connection.Receive("""{"op":11}""");
        connection.Dispatch("GUILD_DELETE", 2, """{"id":"9","unavailable":true}""");
        await harness.Handler.WaitForAsync<GuildDeleteEvent>();

        var status = Assert.Single(harness.Gateway.GetShardStatuses());
        Assert.Equal(new GatewayShardStatus(0, true, "status-session", 2, TimeSpan.FromMilliseconds(120)), status);
    }
}
