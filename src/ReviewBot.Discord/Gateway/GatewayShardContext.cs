using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Gateway;

/// <summary>What every connection of one Shard shares: identity, clock, randomness, the event queue.</summary>
internal sealed class GatewayShardContext(
    int shardId,
    int shardCount,
    string token,
    TimeProvider timeProvider,
    Random random,
    ChannelWriter<GatewayEvent> events,
    ILogger logger)
{
    private readonly Lock _randomLock = new();

    /// <summary>Used by the Shard's reconnect loop only.</summary>
    public ReconnectBackoff Backoff => field ??= new ReconnectBackoff(NextRandom);

    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    /// <summary>The bare bot token for Identify/Resume; never logged.</summary>
    public string Token { get; } = token;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ChannelWriter<GatewayEvent> Events { get; } = events;

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
