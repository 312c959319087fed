namespace ReviewBot.Discord.Gateway;

/// <summary>Gateway tuning beyond <see cref="DiscordOptions"/>; the defaults are what Discord expects.</summary>
public sealed class GatewayOptions
{
    /// <summary>GUILDS (1 &lt;&lt; 0): enough for GUILD_CREATE/UPDATE/DELETE, CHANNEL_DELETE and GUILD_ROLE_DELETE; nothing privileged (docs: Events, Gateway, "Gateway Intents").</summary>
    public const int GuildsIntent = 1;

    /// <summary>
    /// The most servers Discord puts on one shard (docs: Topics, Gateway, "Sharding"): after READY each
    /// arrives as a GUILD_CREATE, all at once.
    /// </summary>
    public const int MaxGuildsPerShard = 2_500;

    /// <summary>
    /// 16 MiB. The largest payload Discord sends a bot with only the GUILDS intent is a big server's
    /// GUILD_CREATE (its channels, threads, roles, emojis and stickers), a few MiB at the very most;
    /// this leaves several times that, yet caps what one message can make a shard hold.
    /// </summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The longest gateway message a shard reads. A longer one (or one that never ends) is not read to
    /// its end: the connection is closed and resumed like any other broken one, so a misbehaving peer
    /// cannot grow the receive buffer without bound.
    /// </summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Events waiting for handlers, all shards together; when full each shard's read-ahead (<see cref="ReadAheadEventsPerShard"/>) fills.</summary>
    public int EventQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// Events one shard reads beyond a full <see cref="EventQueueCapacity"/>, so that what comes behind
    /// them (heartbeat ACKs, heartbeat requests, Reconnect, Invalid Session) is still handled at once
    /// while the handlers catch up. Past it the shard stops reading (back-pressure) instead of growing
    /// memory, and while it is stopped an ACK it cannot read does not count against the connection.
    /// </summary>
    public int ReadAheadEventsPerShard { get; set; } = 1024;

    /// <summary>
    /// Events other than interactions waiting for their one-at-a-time lane, per shard this process runs
    /// (beyond <see cref="EventQueueCapacity"/>). At least a shard's whole GUILD_CREATE wave, so a slow
    /// guild handler during it never stops the dispatcher taking the interactions that follow; past it
    /// the dispatcher waits (back-pressure again), so a stuck handler does not grow memory without bound.
    /// </summary>
    public int OrderedEventsPerShard { get; set; } = MaxGuildsPerShard + 500;

    /// <summary>Handlers running at once, so one slow handler does not hold up interactions (3 s deadline).</summary>
    public int MaxConcurrentHandlers { get; set; } = 8;

    /// <summary>Seed for heartbeat jitter and backoff; null = unpredictable. Tests set it.</summary>
    public int? RandomSeed { get; set; }
}
