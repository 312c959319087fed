namespace ReviewBot.Discord.Gateway;

/// <summary>Gateway tuning beyond <see cref="DiscordOptions"/>; the defaults are what Discord expects.</summary>
public sealed class GatewayOptions
{
    /// <summary>GUILDS (1 &lt;&lt; 0): enough for GUILD_CREATE/DELETE and CHANNEL_DELETE; nothing privileged (docs: Events, Gateway, "Gateway Intents").</summary>
    public const int GuildsIntent = 1;

    /// <summary>Events waiting for handlers; when full the receive loop waits (back-pressure).</summary>
    public int EventQueueCapacity { get; set; } = 1024;

    /// <summary>Handlers running at once, so one slow handler does not hold up interactions (3 s deadline).</summary>
    public int MaxConcurrentHandlers { get; set; } = 8;

    /// <summary>Seed for heartbeat jitter and backoff; null = unpredictable. Tests set it.</summary>
    public int? RandomSeed { get; set; }
}
