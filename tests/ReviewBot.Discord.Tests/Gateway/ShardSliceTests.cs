using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class ShardSliceTests
{
    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0,2", new[] { 0, 2 })]
    [InlineData(" 6 , 0-1 ", new[] { 0, 1, 6 })]
    public void Parse_IdsAndRanges(string text, int[] expected)
    {
        Assert.Equal(expected, ShardSlice.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("0,0", "names shard 0 twice")]
    [InlineData("0-2,2", "names shard 2 twice")]
    [InlineData("3-1", "\"3-1\" is not a shard id or a range")]
    [InlineData("a", "\"a\" is not a shard id")]
    [InlineData("-1", "\"-1\" is not a shard id")]
    [InlineData("0,,1", "empty entry")]
    public void Parse_Nonsense_SaysWhat(string text, string expected)
    {
        Assert.Null(ShardSlice.Parse(text, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_IdBeyondANumericShardCount_NamesBothKeys()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { Token = "t", ShardCount = "2", ShardIds = "1-2" });

        Assert.True(result.Failed);
        Assert.Contains("Discord:ShardIds names shard 2, but Discord:ShardCount is 2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WithAutoCount_ChecksTheSliceAgainstDiscordsTotal()
    {
        Assert.Equal([0, 1, 2], ShardSlice.Resolve("", 3));
        var error = Assert.Throws<InvalidOperationException>(() => ShardSlice.Resolve("4", 3));
        Assert.Contains("ids run from 0 to 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A process with shards 1 and 3 of 4 connects those two only, each identifying with its own pair.</summary>
    [Fact]
    public async Task Start_SliceOfFour_ConnectsOnlyItsShards_WithTheTotalInEachIdentify()
    {
        await using var loop = await LoopbackGateway.StartAsync(shardCount: "4", maxConcurrency: 4, shardIds: "1,3");

        var identifies = await Task.WhenAll(new[] { 1, 3 }.Select(i => loop.Fake.WaitForIdentifyAsync(shard: i)));

        Assert.Equal([1, 4], identifies[0].Data!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal([3, 4], identifies[1].Data!["shard"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(2, loop.Gateway.GetShardStatuses().Count);
        Assert.Equal(4, loop.Gateway.ShardCount);
    }
}

public sealed class IdentifyCoordinatorTests
{
    /// <summary>With a coordinator, each Identify also takes its bucket (shard_id % max_concurrency) from the other processes, for 5 s.</summary>
    [Fact]
    public async Task Gate_WithCoordinator_TakesTheShardsBucketForFiveSecondsBeforeEachIdentify()
    {
        var coordinator = new RecordingCoordinator();
        var gate = new IdentifyGate(2, TimeProvider.System, coordinator: coordinator);

        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(3, CancellationToken.None);

        Assert.Equal([(0, IdentifyGate.BucketInterval), (1, IdentifyGate.BucketInterval)], coordinator.Turns);
    }

    [Fact]
    public async Task Gate_CoordinatorStillBusy_HoldsTheIdentify()
    {
        var coordinator = new RecordingCoordinator { Release = new TaskCompletionSource() };
        var gate = new IdentifyGate(1, TimeProvider.System, coordinator: coordinator);

        var waiting = gate.WaitAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        coordinator.Release.SetResult();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// The other processes' turns cannot be asked for (the database that keeps them is restarting): the
    /// Shard waits and asks again, as after a failed connection, instead of ending and stopping the bot.
    /// </summary>
    [Fact]
    public async Task Shard_CoordinatorCannotBeAsked_TriesAgainAfterABackoff_ThenIdentifies()
    {
        var coordinator = new RecordingCoordinator { FailuresFirst = 2 };
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        await using var harness = new GatewayHarness(options, factory, time, identifyCoordinator: coordinator);
        await harness.Gateway.StartAsync(CancellationToken.None);

        // Asked again at once, then after the reconnect backoff's first wait.
        var backoff = await time.WaitForTimerAsync(ReconnectBackoff.BaseDelay / 2, ReconnectBackoff.BaseDelay);
        Assert.Equal(2, coordinator.Turns.Count);
        time.Advance(backoff);
        var connection = await factory.NextConnectionAsync();
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);

        Assert.False(harness.Gateway.Completion.IsCompleted);
        Assert.Equal(3, coordinator.Turns.Count);
        Assert.Contains("the database cannot be reached", harness.AllLogText(), StringComparison.Ordinal);
    }

    private sealed class RecordingCoordinator : IIdentifyCoordinator
    {
        public List<(int Bucket, TimeSpan Window)> Turns { get; } = [];

        public TaskCompletionSource? Release { get; init; }

        /// <summary>How many turns fail first, as a coordinator whose database cannot be reached fails.</summary>
        public int FailuresFirst { get; set; }

        public Task TakeTurnAsync(int bucket, TimeSpan window, CancellationToken cancellationToken)
        {
            Turns.Add((bucket, window));
            if (FailuresFirst > 0)
            {
                FailuresFirst--;
                return Task.FromException(new InvalidOperationException("the database cannot be reached"));
            }

            return Release?.Task ?? Task.CompletedTask;
        }
    }
}
