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
    /// Where a connection puts the events it reads: in order, ahead of the shared queue, so that the
    /// receive loop keeps reading (and handling control frames) while that queue is full.
    /// </summary>
    public ChannelWriter<GatewayEvent> ReadAhead => _readAhead.Writer;

    public int ReadAheadCapacity { get; } = readAheadCapacity;

    /// <summary>
    /// Moves read-ahead events into the shared queue, in order, until <paramref name="cancellationToken"/>
    /// is cancelled; events still waiting then are dropped with the Shard, as unread frames are.
    /// </summary>
    public async Task ForwardReadAheadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _readAhead.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_readAhead.Reader.TryRead(out var gatewayEvent))
                {
                    await events.WriteAsync(gatewayEvent, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The Shard is ending (stopped, or a fatal close): nothing waits for these events any more.
        }
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
