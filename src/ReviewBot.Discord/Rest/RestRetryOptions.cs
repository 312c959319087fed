using ReviewBot.Shared;

namespace ReviewBot.Discord.Rest;

/// <summary>How the REST client retries what is worth retrying: 5xx answers, timeouts and 429s.</summary>
public sealed record RestRetryOptions
{
    /// <summary>Tries for a 5xx or a timeout, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff before retry n is BaseDelay * 2^(n-1), capped at <see cref="MaxDelay"/> (the bot's one backoff rule, <see cref="ExponentialBackoff"/>).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>One attempt's time limit.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>429s tolerated for one call before giving up.</summary>
    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>
    /// The longest Retry-After one call waits out. A longer one (a global pause, a spent daily limit)
    /// fails the call at once with the 429, so its caller can decide (an outbox retries later); the
    /// bucket or the global limit stays paused for the whole time meanwhile.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(1);

    internal TimeSpan Backoff(int failedAttempts) => new ExponentialBackoff(BaseDelay, MaxDelay).Delay(failedAttempts);
}
