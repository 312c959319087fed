using ReviewBot.Shared;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Backoff per feed: the normal interval after one failure, doubling after each further one, capped
/// (the bot's one backoff rule, <see cref="ExponentialBackoff"/>, starting from the feed's interval).
/// </summary>
public static class FeedBackoff
{
    public static TimeSpan Delay(TimeSpan interval, int consecutiveFailures, TimeSpan max) =>
        new ExponentialBackoff(interval, max).Delay(consecutiveFailures);
}
