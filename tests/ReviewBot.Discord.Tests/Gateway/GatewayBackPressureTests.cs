using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>
/// Slow handlers fill the event queues; the connection must neither lose its control frames nor be
/// taken for a zombie because of it. The queues here are tiny, so a handful of events fills them.
/// </summary>
public sealed class GatewayBackPressureTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1000);

    /// <summary>
    /// What the tiny queues hold while the one guild handler is stuck on the first event: that event,
    /// the ordered lane (1 + 1), the dispatcher's hand, the shared queue (1), and the read-ahead (4)
    /// with the event on its way out of it.
    /// </summary>
    private const int Absorbed = 10;

    [Fact]
    public async Task ControlFrames_BehindDispatchesTheHandlersHaveNotTaken_AreHandledAtOnce()
    {
        var (harness, factory, time, connection, handler) = await StartAsync();
        await using var _ = harness;
        await FirstHeartbeatAsync(time, connection);

        var guilds = Enumerable.Range(0, Absorbed - 3).Select(i => 100UL + (ulong)i).ToList();
        var sequence = 2;
        foreach (var guild in guilds)
        {
            connection.Dispatch("GUILD_CREATE", sequence++, "{\"id\":\"" + guild + "\",\"channels\":[]}");
        }

        connection.Receive("""{"op":11}""");
        connection.Receive("""{"op":1,"d":null}""");
        var requested = await connection.NextSentAsync(GatewayOpCode.Heartbeat);
        await time.WaitForTimerAsync(Interval);
        time.Advance(Interval);
        var timed = await connection.NextSentAsync(GatewayOpCode.Heartbeat);
        connection.Receive("""{"op":7,"d":null}""");
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        await next.NextSentAsync(GatewayOpCode.Resume);
        handler.Release.SetResult();
        await harness.Handler.WaitForAsync<GuildCreateEvent>(g => g.Guild.Id.Value == guilds[^1]);

        Assert.Equal(sequence - 1, requested["d"]!.GetValue<int>());
        Assert.Equal(sequence - 1, timed["d"]!.GetValue<int>());
        Assert.Equal(GatewayCloseCodes.Reconnecting, await connection.Closed);
        Assert.Equal(guilds, harness.Handler.Events.OfType<GuildCreateEvent>().Select(g => g.Guild.Id.Value));
    }

    [Fact]
    public async Task Heartbeat_AckUnreadBecauseEveryQueueIsFull_IsNoZombie()
    {
        var (harness, factory, time, connection, handler) = await StartAsync();
        await using var _ = harness;
        await FirstHeartbeatAsync(time, connection);

        var count = (3 * Absorbed) + 1;
        for (var i = 0; i < count; i++)
        {
            connection.Dispatch("GUILD_CREATE", 2 + i, "{\"id\":\"" + (100 + i) + "\",\"channels\":[]}");
        }

        connection.Receive("""{"op":11}""");
        // The dispatch the reader cannot place is the last it takes: it waits there, the ACK behind it.
        await connection.UntakenAtMostAsync(count - (Absorbed + 1) + 1);
        for (var beat = 0; beat < 3; beat++)
        {
            await time.WaitForTimerAsync(Interval);
            time.Advance(Interval);
            await connection.NextSentAsync(GatewayOpCode.Heartbeat);
        }

        var closedWhileFull = connection.Closed.IsCompleted;
        handler.Release.SetResult();
        await harness.Handler.WaitForAsync<GuildCreateEvent>(g => g.Guild.Id.Value == (ulong)(100 + count - 1));
        connection.Receive("""{"op":1,"d":null}""");
        await connection.NextSentAsync(GatewayOpCode.Heartbeat);

        Assert.False(closedWhileFull);
        Assert.False(connection.Closed.IsCompleted);
        Assert.Equal(1, factory.Created);
        Assert.Equal(count, harness.Handler.Events.OfType<GuildCreateEvent>().Count());
        Assert.NotNull(Assert.Single(harness.Gateway.GetShardStatuses()).HeartbeatLatency);
    }

    /// <summary>
    /// The heartbeat loop calls the connection a zombie while the reader is busy, and its close is slow to
    /// go out; meanwhile the reader fills every queue and waits for room for an interaction when the
    /// connection ends. On Resume Discord sends only what comes after the sequence the client resumes
    /// from, so whatever the client read must reach the handlers from the shard's queues or come again:
    /// every event once, in the order Discord sent them.
    /// </summary>
    [Fact]
    public async Task Zombie_ConnectionEndsWhileTheReaderWaitsForRoomForAnInteraction_EveryEventIsDispatchedOnceInOrder()
    {
        var (harness, factory, time, connection, handler) = await StartAsync();
        await using var _ = harness;
        await FirstHeartbeatAsync(time, connection);
        connection.CloseHangs = true;
        await time.WaitForTimerAsync(Interval);
        time.Advance(Interval);
        var zombieClose = await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        var guilds = Enumerable.Range(0, Absorbed).Select(i => 100UL + (ulong)i).ToList();
        List<(int Sequence, string Name, string Data)> sent = [.. guilds.Select((guild, i) => (2 + i, "GUILD_CREATE", "{\"id\":\"" + guild + "\",\"channels\":[]}"))];
        sent.Add((2 + Absorbed, "INTERACTION_CREATE", Interaction(5_001)));
        foreach (var (sequence, name, data) in sent.SkipLast(1))
        {
            connection.Dispatch(name, sequence, data);
        }

        // Every guild event is in the queues now, so the interaction is the one the reader waits with.
        await WaitForSequenceAsync(harness, 1 + Absorbed);
        connection.Dispatch(sent[^1].Name, sent[^1].Sequence, sent[^1].Data);
        await connection.UntakenAtMostAsync(0);
        await time.WaitForTimerAsync(GatewayConnection.CloseTimeout);
        time.Advance(GatewayConnection.CloseTimeout);

        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        var resume = await next.NextSentAsync(GatewayOpCode.Resume);
        var resumedFrom = resume["d"]!["seq"]!.GetValue<int>();
        foreach (var (sequence, name, data) in sent.Where(e => e.Sequence > resumedFrom))
        {
            next.Dispatch(name, sequence, data);
        }

        next.Dispatch("RESUMED", 3 + Absorbed, "{}");
        handler.Release.SetResult();
        await harness.Handler.WaitForAsync<ResumedEvent>();
        // One handler at a time: once this one ran, every interaction queued before it has been handled.
        next.Dispatch("INTERACTION_CREATE", 4 + Absorbed, Interaction(5_002));
        await harness.Handler.WaitForAsync<InteractionCreateEvent>(i => i.Interaction.Id.Value == 5_002);

        Assert.Equal(GatewayCloseCodes.ZombieConnection, zombieClose);
        Assert.Equal(guilds, harness.Handler.Events.OfType<GuildCreateEvent>().Select(g => g.Guild.Id.Value));
        Assert.Equal([5_001UL, 5_002UL], harness.Handler.Events.OfType<InteractionCreateEvent>().Select(i => i.Interaction.Id.Value));
    }

    /// <summary>
    /// The same for a new Session's READY, read behind the last Session's events: a connection that ends
    /// before READY is in the queues leaves nothing to Resume from, so the Shard Identifies again and the
    /// handlers see the READY of the Session it then continues.
    /// </summary>
    [Fact]
    public async Task Zombie_ConnectionEndsWhileTheReaderWaitsForRoomForReady_IdentifiesAgainAndDispatchesThatReady()
    {
        var (harness, factory, time, connection, handler) = await StartAsync();
        await using var _ = harness;
        for (var i = 0; i < Absorbed; i++)
        {
            connection.Dispatch("GUILD_CREATE", 2 + i, "{\"id\":\"" + (100 + i) + "\",\"channels\":[]}");
        }

        await WaitForSequenceAsync(harness, 1 + Absorbed);
        connection.Receive("""{"op":9,"d":false}""");
        // The wait before a new Identify is under 5 s (1 s + [0, 1) * 4 s); our close's own 5 s timeout is not it.
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1), GatewayConnection.CloseTimeout - TimeSpan.FromTicks(1));
        time.Advance(IdentifyGate.BucketInterval);
        var second = await factory.NextConnectionAsync();
        second.Hello((int)Interval.TotalMilliseconds);
        await second.NextSentAsync(GatewayOpCode.Identify);
        var firstBeat = await time.WaitForTimerAsync(TimeSpan.Zero, Interval - TimeSpan.FromTicks(1));
        time.Advance(firstBeat);
        await second.NextSentAsync(GatewayOpCode.Heartbeat);
        second.CloseHangs = true;
        await time.WaitForTimerAsync(Interval);
        time.Advance(Interval);
        await second.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        second.Ready(sessionId: "session-2");
        await second.UntakenAtMostAsync(0);
        await time.WaitForTimerAsync(GatewayConnection.CloseTimeout);
        time.Advance(GatewayConnection.CloseTimeout);

        // A connection that ended without a Session that worked waits its backoff before the next.
        var backoff = await time.WaitForTimerAsync(ReconnectBackoff.BaseDelay / 2, ReconnectBackoff.BaseDelay);
        time.Advance(backoff);
        var third = await factory.NextConnectionAsync();
        third.Hello(45_000);
        var opening = await third.NextSentAsync();
        third.Ready(sessionId: "session-3");
        handler.Release.SetResult();
        await harness.Handler.WaitForAsync<ReadyEvent>(r => r.SessionId == "session-3");

        Assert.Equal((int)GatewayOpCode.Identify, opening["op"]!.GetValue<int>());
        Assert.Equal(["session-1", "session-3"], harness.Handler.Events.OfType<ReadyEvent>().Select(r => r.SessionId));
        Assert.Equal(Absorbed, harness.Handler.Events.OfType<GuildCreateEvent>().Count());
    }

    /// <summary>
    /// A stop while the reader waits for room: the Session ends with our close 1000, so Discord sends
    /// nothing again, and the handlers are told to stop. The stop goes at once (reading on to Discord's
    /// echo) rather than waiting for room that no one makes; each event read reaches the handlers whole,
    /// in order, or is counted among those dropped, never both.
    /// </summary>
    [Fact]
    public async Task Stop_WhileTheReaderWaitsForRoom_StopsAtOnceAndEachEventReadIsHandedOverOrCountedDropped()
    {
        var (harness, _, time, connection, _) = await StartAsync();
        await using var _ = harness;
        var guilds = Enumerable.Range(0, Absorbed + 1).Select(i => 100UL + (ulong)i).ToList();
        for (var i = 0; i < guilds.Count; i++)
        {
            connection.Dispatch("GUILD_CREATE", 2 + i, "{\"id\":\"" + guilds[i] + "\",\"channels\":[]}");
        }

        // Every queue is full of the others: the reader waits for room for the last.
        await connection.UntakenAtMostAsync(0);
        var stopping = harness.Gateway.StopAsync(CancellationToken.None);
        var stoppedAtOnce = true;
        try
        {
            await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Still waiting for room (or on the gateway's clock): let the clock end the wait, so the
            // test fails on what it checks rather than hang in its clean-up.
            stoppedAtOnce = false;
            time.Advance(GatewayConnection.CloseEchoWait);
            await stopping;
        }

        var handed = harness.Handler.Events.OfType<GuildCreateEvent>().Select(g => g.Guild.Id.Value).ToList();
        var dropped = harness.LogProvider.Collector.GetSnapshot()
            .Where(r => r.Message.Contains("never handed to the handlers", StringComparison.Ordinal))
            .Select(r => int.Parse(r.StructuredState!.Single(kv => kv.Key == "Count").Value!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(stoppedAtOnce);
        Assert.Equal(1000, await connection.Closed);
        Assert.Equal(guilds.Take(handed.Count), handed);
        Assert.Equal(guilds.Count - handed.Count, Assert.Single(dropped));
    }

    private static string Interaction(ulong id) => "{\"id\":\"" + id + "\",\"application_id\":\"2\",\"type\":2,\"token\":\"x\",\"version\":1}";

    private static async Task FirstHeartbeatAsync(ObservedTimeProvider time, ScriptedGatewayTransport connection)
    {
        var firstDelay = GatewayConnection.FirstHeartbeatDelay(Interval, GatewayHarness.FirstJitter(0));
        await time.WaitForTimerAsync(firstDelay);
        time.Advance(firstDelay);
        await connection.NextSentAsync(GatewayOpCode.Heartbeat);
    }

    /// <summary>Waits (up to 10 s) until the shard's sequence is <paramref name="sequence"/>: that dispatch, and every one before it, is in its queues.</summary>
    private static async Task WaitForSequenceAsync(GatewayHarness harness, int sequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Assert.Single(harness.Gateway.GetShardStatuses()).Sequence != sequence)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }

    private static async Task<(GatewayHarness Harness, ScriptedTransportFactory Factory, ObservedTimeProvider Time, ScriptedGatewayTransport Connection, StuckGuildHandler Handler)> StartAsync()
    {
        var factory = new ScriptedTransportFactory();
        var time = new ObservedTimeProvider();
        var handler = new StuckGuildHandler();
        var options = new DiscordOptions { Token = "scripted-token", GatewayUrl = new Uri("wss://gateway.test"), ShardCount = "1" };
        var tuning = GatewayHarness.TestOptions(o =>
        {
            o.EventQueueCapacity = 1;
            o.OrderedEventsPerShard = 1;
            o.ReadAheadEventsPerShard = 4;
            o.MaxConcurrentHandlers = 1;
        });
        var harness = new GatewayHarness(options, factory, time, extraHandler: handler, gatewayOptions: tuning);
        try
        {
            await harness.Gateway.StartAsync(CancellationToken.None);
            var connection = await factory.NextConnectionAsync();
            connection.Hello((int)Interval.TotalMilliseconds);
            await connection.NextSentAsync(GatewayOpCode.Identify);
            connection.Ready();
            await harness.Handler.WaitForAsync<ReadyEvent>();
            return (harness, factory, time, connection, handler);
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Holds every GUILD_CREATE until released, as a handler stuck on a database lock would.</summary>
    private sealed class StuckGuildHandler : IGatewayEventHandler<GuildCreateEvent>
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HandleAsync(GuildCreateEvent gatewayEvent, CancellationToken cancellationToken) => Release.Task.WaitAsync(cancellationToken);
    }
}
