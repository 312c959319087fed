namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// A bucket or the global limit is paused for longer than the caller will wait (a 429 that asked for
/// more than <see cref="RestRetryOptions.MaxRateLimitWait"/>, a Cloudflare ban): the request was not sent.
/// </summary>
internal sealed class RateLimitPausedException(TimeSpan remaining)
    : Exception($"rate limited for another {Math.Ceiling(remaining.TotalSeconds)} s")
{
    public TimeSpan Remaining { get; } = remaining;
}
