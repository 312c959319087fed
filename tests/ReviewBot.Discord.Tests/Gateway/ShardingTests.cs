using FakeDiscord.Gateway;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class ShardingTests
{
    [Fact]
    public async Task Start_ThreeShardsAgainstFakeDiscord_EachIdentifiesWithItsShardPair()
    {
        await using var loop = await LoopbackGateway.StartAsync(shardCount: "3", maxConcurrency: 3);

        var identifies = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => loop.Fake.WaitForIdentifyAsync(shard: i)));
        for (var i = 0; i < 3; i++)
        {
            await loop.Events.WaitForAsync<ReadyEvent>(r => r.ShardId == i);
        }

        await loop.Fake.DispatchAsync("GUILD_DELETE", new { id = "77", unavailable = true }, shard: 2);
        var deleted = await loop.Events.WaitForAsync<GuildDeleteEvent>();

        Assert.Equal(3, loop.Gateway.ShardCount);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal([i, 3], identifies[i].Data!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        }

        Assert.Equal(3, loop.Fake.GatewaySessions.Count);
        Assert.Equal(2, deleted.ShardId);
    }

    [Fact]
    public async Task FatalClose_OnOneOfThreeShards_StopsAllShardsAndFaultsCompletion()
    {
        await using var loop = await LoopbackGateway.StartAsync(shardCount: "3", maxConcurrency: 3);
        for (var i = 0; i < 3; i++)
        {
            await loop.Events.WaitForAsync<ReadyEvent>(r => r.ShardId == i);
        }

        await loop.Fake.CloseGatewayAsync(4014, shard: 1);

        var fatal = await Assert.ThrowsAsync<ReviewBot.Discord.Gateway.GatewayFatalException>(() => loop.Gateway.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, fatal.ShardId);
        Assert.Equal(4014, fatal.CloseCode);
        foreach (var other in new[] { 0, 2 })
        {
            var close = await loop.Fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeGatewayDirection.FromClient && f.ShardId == other);
            Assert.Equal(1000, close.CloseCode);
        }

        Assert.All(loop.Gateway.GetShardStatuses(), s => Assert.False(s.IsReady));
    }

    [Fact]
    public async Task Start_ThreeShardsWithMaxConcurrencyTwo_ThirdIdentifiesFiveSecondsLater()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var source = new StubGatewayBotSource(new GatewayBotResponse("wss://gateway.test", 3, new SessionStartLimit(1000, 990, 0, 2)));
        var options = new DiscordOptions { Token = "scripted-token", ShardCount = "auto" };
        await using var harness = new GatewayHarness(options, factory, time, source);

        await harness.Gateway.StartAsync(CancellationToken.None);
        var first = await factory.NextConnectionAsync();
        var second = await factory.NextConnectionAsync();
        var shards = new List<int[]> { await IdentifiedShardAsync(first), await IdentifiedShardAsync(second) };
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        var beforeFiveSeconds = factory.Created;
        time.Advance(TimeSpan.FromSeconds(5));
        var third = await factory.NextConnectionAsync();
        shards.Add(await IdentifiedShardAsync(third));

        Assert.Equal(1, source.Calls);
        Assert.Equal(2, beforeFiveSeconds);
        Assert.Equal(3, harness.Gateway.ShardCount);
        Assert.Contains([0, 3], shards);
        Assert.Contains([1, 3], shards);
        Assert.Equal([2, 3], shards[2]);
    }

    [Fact]
    public async Task Start_TwoShardsInOneIdentifyBucketAndALateHello_SecondWaitsFiveSecondsFromTheFirstIdentify()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        // A fixed URL and shard count: max_concurrency 1, so both Shards share one identify bucket.
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "2" };
        await using var harness = new GatewayHarness(options, factory, time);

        await harness.Gateway.StartAsync(CancellationToken.None);
        var first = await factory.NextConnectionAsync();
        time.Advance(TimeSpan.FromSeconds(3)); // Discord's Hello comes 3 s after the connect
        first.Hello(45_000);
        var firstIdentify = await first.NextSentAsync(GatewayOpCode.Identify);
        var firstIdentifiedAt = time.GetUtcNow();
        var secondMayConnectAt = await time.WaitForTimerFiringAtAsync(IdentifyGate.BucketInterval);
        time.Advance(secondMayConnectAt - time.GetUtcNow());
        var second = await factory.NextConnectionAsync();
        second.Hello(45_000);
        var secondIdentify = await second.NextSentAsync(GatewayOpCode.Identify);

        Assert.True(
            secondMayConnectAt >= firstIdentifiedAt + IdentifyGate.BucketInterval,
            $"the second Shard could Identify {secondMayConnectAt - firstIdentifiedAt} after the first; Discord allows one Identify per bucket per 5 s");
        Assert.NotEqual(firstIdentify["d"]!["shard"]![0]!.GetValue<int>(), secondIdentify["d"]!["shard"]![0]!.GetValue<int>());
    }

    [Fact]
    public async Task Start_GatewayUrlAndNumericShardCount_DoesNotNeedGatewayBot()
    {
        var factory = new ScriptedTransportFactory();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://custom.test/gw"), ShardCount = "2" };
        var source = new StubGatewayBotSource(new GatewayBotResponse("wss://wrong.test", 9, new SessionStartLimit(1, 1, 0, 1)));
        await using var harness = new GatewayHarness(options, factory, new ObservedTimeProvider(), source);

        await harness.Gateway.StartAsync(CancellationToken.None);
        var connection = await factory.NextConnectionAsync();

        Assert.Equal(0, source.Calls);
        Assert.Equal(2, harness.Gateway.ShardCount);
        Assert.Equal("wss://custom.test/gw?v=10&encoding=json", connection.Url!.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task Start_InvalidShardCount_FailsNamingTheKey(string shardCount)
    {
        var options = new DiscordOptions { Token = "t", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = shardCount };
        await using var harness = new GatewayHarness(options, new ScriptedTransportFactory(), new ObservedTimeProvider());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Gateway.StartAsync(CancellationToken.None));

        Assert.Contains("Discord:ShardCount", error.Message);
    }

    private static async Task<int[]> IdentifiedShardAsync(ScriptedGatewayTransport connection)
    {
        connection.Hello(45_000);
        var identify = await connection.NextSentAsync(GatewayOpCode.Identify);
        return identify["d"]!["shard"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
    }
}
