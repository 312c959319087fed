using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>Every wait on the way out of a connection runs on the gateway's clock, so a peer that stops answering costs fake time, not real time.</summary>
public sealed class GatewayCloseTimeoutTests
{
    [Fact]
    public async Task Reconnect_PeerNeverTakesOurClose_GivesUpOnTheGatewayClockAndResumes()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
        await using var _ = harness;
        connection.CloseHangs = true;

        connection.Receive("""{"op":7,"d":null}""");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        var resume = await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal(GatewayCloseCodes.Reconnecting, await connection.Closed);
        Assert.Equal("session-1", resume["d"]!["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stop_PeerNeverEchoesOurClose_StopsAfterTheEchoWaitOnTheGatewayClock()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
        await using var _ = harness;
        connection.EchoesClose = false;

        var stopping = harness.Gateway.StopAsync(CancellationToken.None);
        await time.WaitForTimerAsync(GatewayConnection.CloseEchoWait);
        var stoppedEarly = stopping.IsCompleted;
        time.Advance(GatewayConnection.CloseEchoWait);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(stoppedEarly);
        Assert.Equal(1000, await connection.Closed);
        Assert.Equal(1, factory.Created);
    }
}
