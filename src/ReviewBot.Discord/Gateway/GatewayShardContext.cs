using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Gateway;

/// <summary>What every connection of one Shard shares: identity, clock, randomness, the event queue and the read-ahead before it.</summary>
internal sealed class GatewayShardContext(
    int shardId,
    int shardCount,
    string token,
    TimeProvider timeProvider,
    Random random,
    ChannelWriter<GatewayEvent> events,
    int readAheadCapacity,
    ILogger logger)
{
    private readonly Lock _randomLock = new();

    // The Shard's own, not the connection's: events read but not yet queued belong to the Session
    // (their sequence is already what a Resume continues from), so they outlive the socket they came on.
    private readonly Channel<GatewayEvent> _readAhead = Channel.CreateBounded<GatewayEvent>(
        new BoundedChannelOptions(readAheadCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Used by the Shard's reconnect loop only.</summary>
    public ReconnectBackoff Backoff => field ??= new ReconnectBackoff(NextRandom);

    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    /// <summary>The bare bot token for Identify/Resume; never logged.</summary>
    public string Token { get; } = token;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>
    /// Events in the read-ahead or on their way from it into the shared queue. While there are any,
    /// a new event goes behind them; when there are none it goes straight into the queue, so an event
    /// takes the extra hop through the read-ahead (and the forwarder's wake-up) only when the queue was full.
    /// </summary>
    private int _forwarding;

    /// <summary>
    /// Queues an event the connection read, in order: straight into the shared queue when nothing
    /// waits in the read-ahead and the queue has room, else into the read-ahead, so that the receive
    /// loop keeps reading (and handling control frames) while that queue is full. False when both are
    /// full: then <see cref="ReadAheadAsync"/> waits for room.
    /// </summary>
    public bool TryQueue(GatewayEvent gatewayEvent)
    {
        // Only the receive loop writes, one connection at a time; the forwarder only counts down, after
        // its event is in the queue, so none seen here means every earlier event is in the queue already.
        if (Volatile.Read(ref _forwarding) == 0 && events.TryWrite(gatewayEvent))
        {
            return true;
        }

        Interlocked.Increment(ref _forwarding);
        if (_readAhead.Writer.TryWrite(gatewayEvent))
        {
            return true;
        }

        Interlocked.Decrement(ref _forwarding);
        return false;
    }

    /// <summary>Waits for room in the read-ahead (back-pressure) and puts the event there.</summary>
    public async ValueTask ReadAheadAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _forwarding);
        try
        {
            await _readAhead.Writer.WriteAsync(gatewayEvent, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _forwarding);
            throw;
        }
    }

    public int ReadAheadCapacity { get; } = readAheadCapacity;

    /// <summary>
    /// Moves read-ahead events into the shared queue, in order, until <paramref name="cancellationToken"/>
    /// is cancelled, which happens only when the Shard ends (a stop, or a fatal close); never between
    /// connections, since what waits here belongs to the Session. An event goes into the queue whole
    /// or not at all (a cancelled write leaves it out), and one left out is counted in <see cref="TakeDropped"/>.
    /// </summary>
    public async Task ForwardReadAheadAsync(CancellationToken cancellationToken)
    {
        var inHand = false;
        try
        {
            while (await _readAhead.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_readAhead.Reader.TryRead(out var gatewayEvent))
                {
                    inHand = true;
                    await events.WriteAsync(gatewayEvent, cancellationToken);
                    inHand = false;
                    Interlocked.Decrement(ref _forwarding);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The Shard is ending: nothing waits for these events any more (see GatewayShard.RunAsync).
            if (inHand)
            {
                CountDropped();
            }
        }
    }

    /// <summary>Events this Shard read but handed to no one because it was ending; read once it has ended.</summary>
    private int _dropped;

    /// <summary>Counts an event the Shard read but does not hand to the handlers because it is ending.</summary>
    public void CountDropped() => Interlocked.Increment(ref _dropped);

    /// <summary>
    /// Once the Shard's connections and forwarder have ended: empties the read-ahead and returns how many
    /// events the Shard read but never handed to the handlers, those left there included.
    /// </summary>
    public int TakeDropped()
    {
        while (_readAhead.Reader.TryRead(out _))
        {
            CountDropped();
        }

        return Interlocked.Exchange(ref _dropped, 0);
    }

    public ILogger Logger { get; } = logger;


    /// <summary>Set by the current connection; read by <see cref="DiscordGateway.GetShardStatuses"/>.</summary>
    public volatile bool IsReady;

    /// <summary>Connections after the first (resumes and new Identifies alike); read with Interlocked.</summary>
    public long Reconnects;

    private long _heartbeatLatencyTicks = -1;

    public TimeSpan? HeartbeatLatency
    {
        get
        {
            var ticks = Interlocked.Read(ref _heartbeatLatencyTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
        set => Interlocked.Exchange(ref _heartbeatLatencyTicks, value?.Ticks ?? -1);
    }

    /// <summary>Uniform in [0, 1); shared <see cref="Random"/> instances are not thread-safe.</summary>
    public double NextRandom()
    {
        lock (_randomLock)
        {
            return random.NextDouble();
        }
    }
}
