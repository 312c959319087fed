namespace FakeDiscord;

/// <summary>REST knobs of the fake. Limits default to values shaped like Discord's.</summary>
public sealed partial class FakeDiscordOptions
{
    /// <summary>Requests per bucket window, per route and major parameter, unless <see cref="RouteLimits"/> says otherwise.</summary>
    public int RouteLimit { get; set; } = 5;

    /// <summary>Length of a bucket window (Discord's typical 5 per 5 s for messages).</summary>
    public TimeSpan RouteResetAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-route overrides keyed by "METHOD /template" as in the OpenAPI paths, e.g. "POST /channels/{channel_id}/messages".</summary>
    public Dictionary<string, RouteLimit> RouteLimits { get; } = new(StringComparer.Ordinal);

    /// <summary>Routes listed here share one bucket hash (value = the shared hash), as Discord does for some routes.</summary>
    public Dictionary<string, string> SharedBuckets { get; } = new(StringComparer.Ordinal);

    /// <summary>Global limit per second; interaction callbacks and interaction webhooks are exempt.</summary>
    public int GlobalLimitPerSecond { get; set; } = 50;

    /// <summary>Multiplies every request limit (route and global), e.g. 10 for load runs; at least 1 request stays allowed.</summary>
    public double RateLimitScale { get; set; } = 1.0;

    /// <summary>How long a nonce sent with enforce_nonce dedupes (Discord: "the past few minutes").</summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Clock for the REST side's windows; tests may pass a fake.</summary>
    public TimeProvider RestTimeProvider { get; set; } = TimeProvider.System;

    /// <summary>GET /guilds/{guild_id}: each server's system channel; a server not listed has none.</summary>
    public Dictionary<ulong, ulong> GuildSystemChannels { get; } = [];

    /// <summary>GET /gateway/bot: recommended shard count.</summary>
    public int GatewayBotShards { get; set; } = 1;

    /// <summary>GET /gateway/bot: session_start_limit.max_concurrency.</summary>
    public int GatewayBotMaxConcurrency { get; set; } = 1;
}

/// <param name="Limit">Requests per window.</param>
/// <param name="ResetAfter">Window length.</param>
public sealed record RouteLimit(int Limit, TimeSpan ResetAfter);
