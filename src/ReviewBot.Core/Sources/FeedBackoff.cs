namespace ReviewBot.Core.Sources;

/// <summary>Exponential backoff per feed: the normal interval after one failure, doubling after each further one, capped.</summary>
public static class FeedBackoff
{
    public static TimeSpan Delay(TimeSpan interval, int consecutiveFailures, TimeSpan max)
    {
        if (consecutiveFailures <= 1)
        {
            return interval < max ? interval : max;
        }

        // Cap the exponent so the multiplication cannot overflow before the cap applies.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 20));
        var delay = interval.TotalSeconds * factor;
        return delay >= max.TotalSeconds ? max : TimeSpan.FromSeconds(delay);
    }
}
