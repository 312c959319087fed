using System.Net.WebSockets;
using System.Text;
using FakeDiscord;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class GatewayRateLimitTests
{
    [Fact]
    public async Task SendLimiter_OrdinarySendsBeyondBudget_WaitUntilTheWindowMoves()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < GatewaySendLimiter.OrdinaryLimit; i++)
        {
            await limiter.WaitAsync(priority: false, CancellationToken.None);
        }

        var blocked = limiter.WaitAsync(priority: false, CancellationToken.None).AsTask();
        time.Advance(GatewaySendLimiter.Window - TimeSpan.FromMilliseconds(1));
        var stillBlocked = !blocked.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(stillBlocked);
    }

    [Fact]
    public async Task SendLimiter_OrdinaryBudgetSpent_PrioritySendsStillGoThroughUpToTheCap()
    {
        var limiter = new GatewaySendLimiter(new FakeTimeProvider());
        for (var i = 0; i < GatewaySendLimiter.OrdinaryLimit; i++)
        {
            await limiter.WaitAsync(priority: false, CancellationToken.None);
        }

        for (var i = GatewaySendLimiter.OrdinaryLimit; i < GatewaySendLimiter.PriorityLimit; i++)
        {
            Assert.True(limiter.WaitAsync(priority: true, CancellationToken.None).AsTask().IsCompleted);
        }

        Assert.False(limiter.WaitAsync(priority: true, CancellationToken.None).AsTask().IsCompleted);
        Assert.True(GatewaySendLimiter.PriorityLimit < 120);
    }

    [Fact]
    public async Task FakeDiscord_ClientSendsMoreThan120InAMinute_ClosesWith4008()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(fake.GatewayUrl + "?v=10&encoding=json"), CancellationToken.None);

        var receiving = ReceiveUntilCloseAsync(socket);

        var heartbeat = Encoding.UTF8.GetBytes("""{"op":1,"d":null}""");
        for (var i = 0; i < 121; i++)
        {
            await socket.SendAsync(heartbeat, WebSocketMessageType.Text, true, CancellationToken.None);
        }

        var close = await fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeDiscord.Gateway.FakeGatewayDirection.ToClient);
        Assert.Equal(4008, close.CloseCode);
        Assert.Equal(4008, await receiving.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<int?> ReceiveUntilCloseAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (int?)result.CloseStatus;
            }
        }
    }

    [Fact]
    public void ReconnectBackoff_AfterFailures_GrowsWithJitterUpToTheCapAndResets()
    {
        var backoff = new ReconnectBackoff(() => 0.999);

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay()).ToList();
        backoff.Reset();

        Assert.Equal(TimeSpan.Zero, delays[0]);
        Assert.InRange(delays[1], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.All(delays.Skip(1).Zip(delays.Skip(2)), pair => Assert.True(pair.Second >= pair.First));
        Assert.All(delays, d => Assert.True(d <= ReconnectBackoff.MaxDelay));
        Assert.Equal(TimeSpan.Zero, backoff.NextDelay());
    }

    [Fact]
    public async Task IdentifyGate_SameBucket_SecondIdentifyWaitsFiveSeconds()
    {
        var time = new FakeTimeProvider();
        var gate = new IdentifyGate(maxConcurrency: 2, time);

        (await gate.WaitAsync(0, CancellationToken.None)).Identifying();
        (await gate.WaitAsync(1, CancellationToken.None)).Identifying();
        var sameBucket = gate.WaitAsync(2, CancellationToken.None);
        var waitedBeforeFiveSeconds = !sameBucket.IsCompleted;
        time.Advance(IdentifyGate.BucketInterval);
        await sameBucket.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedBeforeFiveSeconds);
    }

    [Fact]
    public async Task IdentifyGate_TurnNotIdentifiedYet_HoldsTheBucketAndCountsFiveSecondsFromTheIdentify()
    {
        var time = new ObservedTimeProvider();
        var gate = new IdentifyGate(maxConcurrency: 1, time);

        var turn = await gate.WaitAsync(0, CancellationToken.None);
        var next = gate.WaitAsync(1, CancellationToken.None);
        time.Advance(IdentifyGate.BucketInterval * 2);
        var waitedForTheIdentify = !next.IsCompleted;
        turn.Identifying();
        // The next Shard takes its turn on a pool thread; the clock moves only once its wait is armed,
        // or a step taken before would not count toward it.
        await time.WaitForTimerAsync(IdentifyGate.BucketInterval);
        time.Advance(IdentifyGate.BucketInterval - TimeSpan.FromMilliseconds(1));
        var waitedFiveSeconds = !next.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waitedForTheIdentify);
        Assert.True(waitedFiveSeconds);
    }

    [Fact]
    public async Task IdentifyGate_TurnEndedWithoutIdentify_NextShardGoesAtOnce()
    {
        var gate = new IdentifyGate(maxConcurrency: 1, new FakeTimeProvider());

        var turn = await gate.WaitAsync(0, CancellationToken.None);
        var next = gate.WaitAsync(1, CancellationToken.None);
        turn.Dispose();

        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(4004, GatewayCloseAction.Fatal)]
    [InlineData(4010, GatewayCloseAction.Fatal)]
    [InlineData(4011, GatewayCloseAction.Fatal)]
    [InlineData(4012, GatewayCloseAction.Fatal)]
    [InlineData(4013, GatewayCloseAction.Fatal)]
    [InlineData(4014, GatewayCloseAction.Fatal)]
    [InlineData(4007, GatewayCloseAction.Identify)]
    [InlineData(4009, GatewayCloseAction.Identify)]
    [InlineData(4000, GatewayCloseAction.Resume)]
    [InlineData(4008, GatewayCloseAction.Resume)]
    [InlineData(1006, GatewayCloseAction.Resume)]
    [InlineData(null, GatewayCloseAction.Resume)]
    public void CloseCodes_Classify_FollowsDiscordsTable(int? code, GatewayCloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));
}
