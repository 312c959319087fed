using ReviewBot.Shared;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// When to try an announcement again after a server error or timeout (the REST client has already
/// retried a few times within seconds): 5 s, 10 s, 20 s ... capped at an hour, for up to a day
/// from the first attempt, then it is marked failed with the last reason. The delays follow the
/// bot's one backoff rule, <see cref="ExponentialBackoff"/>.
/// </summary>
public sealed record DeliveryBackoff
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The next attempt's time, or null when the announcement should be marked failed.</summary>
    public DateTimeOffset? Next(int failedAttempts, DateTimeOffset firstAttemptAt, DateTimeOffset now)
    {
        if (now - firstAttemptAt >= GiveUpAfter)
        {
            return null;
        }

        return now + new ExponentialBackoff(FirstDelay, MaxDelay).Delay(failedAttempts);
    }
}
