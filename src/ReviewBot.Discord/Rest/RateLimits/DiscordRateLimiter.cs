using Microsoft.Extensions.Logging;

namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// The rate-limit state shared by every REST call of the process (one per bot token): the learned
/// buckets, the global limiter and the invalid-request counter. A singleton.
/// </summary>
public sealed class DiscordRateLimiter
{
    public DiscordRateLimiter(TimeProvider time, ILoggerFactory loggers)
        : this(time, loggers, GlobalRateLimiter.DiscordRequestsPerSecond, InvalidRequestCounter.DefaultWarnEvery)
    {
    }

    /// <summary>With the configured global limit (<see cref="DiscordOptions.GlobalRateLimitPerSecond"/>).</summary>
    public DiscordRateLimiter(TimeProvider time, ILoggerFactory loggers, int globalPerSecond)
        : this(time, loggers, globalPerSecond, InvalidRequestCounter.DefaultWarnEvery)
    {
    }

    internal DiscordRateLimiter(TimeProvider time, ILoggerFactory loggers, int globalPerSecond, int warnInvalidEvery)
    {
        Buckets = new BucketRegistry(time);
        Global = new GlobalRateLimiter(time, globalPerSecond);
        InvalidRequests = new InvalidRequestCounter(time, loggers.CreateLogger<DiscordRateLimiter>(), warnInvalidEvery);
    }

    internal BucketRegistry Buckets { get; }

    internal GlobalRateLimiter Global { get; }

    internal InvalidRequestCounter InvalidRequests { get; }

    /// <summary>The bot token Discord answered 401 to; kept only to compare, never logged.</summary>
    private string? _rejectedToken;

    /// <summary>Discord answered 401 to a request carrying <paramref name="token"/>.</summary>
    internal void Reject(string token) => Volatile.Write(ref _rejectedToken, token);

    /// <summary>True when Discord already rejected <paramref name="token"/>; a new token (configuration reloaded) starts clean.</summary>
    internal bool IsRejected(string token) => string.Equals(Volatile.Read(ref _rejectedToken), token, StringComparison.Ordinal);

    /// <summary>401/403/429 answers in the last 10 minutes (Discord's invalid-request limit is 10,000).</summary>
    public int InvalidRequestCount => InvalidRequests.Count;
}
