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
        // The dispatch the reader cannot place is the last it reads: its sequence is where it waits.
        await WaitForSequenceAsync(harness, 2 + Absorbed);
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

    private static async Task FirstHeartbeatAsync(ObservedTimeProvider time, ScriptedGatewayTransport connection)
    {
        var firstDelay = GatewayConnection.FirstHeartbeatDelay(Interval, GatewayHarness.FirstJitter(0));
        await time.WaitForTimerAsync(firstDelay);
        time.Advance(firstDelay);
        await connection.NextSentAsync(GatewayOpCode.Heartbeat);
    }

    /// <summary>Waits (up to 10 s) until the shard has read up to <paramref name="sequence"/>; nothing else shows where a blocked reader stands.</summary>
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
