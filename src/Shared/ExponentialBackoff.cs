namespace ReviewBot.Shared;

/// <summary>
/// The one backoff rule of the bot: the wait before the retry that follows failure n (n &gt;= 1) is
/// <see cref="First"/> · 2^(n-1), at most <see cref="Max"/>. REST retries, gateway reconnects, feed
/// polls and announcement deliveries each keep their own settings and failure count (in memory, or
/// in the database) and ask this for the delay.
/// </summary>
/// <remarks>
/// This file is compiled into ReviewBot.Core, ReviewBot.Discord and the host, ReviewBot (linked from
/// their project files): the two layers never reference each other, the type is internal to each, and
/// the rule is too small to be a project of its own.
/// Randomness is passed in, never drawn here, so tests stay deterministic.
/// </remarks>
internal readonly record struct ExponentialBackoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row (0 or 1: <see cref="First"/>).</summary>
    public TimeSpan Delay(int failures)
    {
        if (failures <= 1)
        {
            return First < Max ? First : Max;
        }

        // Powers of two times whole ticks are exact in a double; past 2^62 every product is over any Max.
        var ticks = First.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// <see cref="Delay(int)"/> scaled by a factor in [1 - <paramref name="spread"/>, 1) taken from
    /// <paramref name="random"/> in [0, 1), so that many clients that failed together (shards, bots)
    /// do not all retry at the same moment.
    /// </summary>
    public TimeSpan Delay(int failures, double random, double spread) =>
        TimeSpan.FromTicks((long)(Delay(failures).Ticks * (1 - spread + (random * spread))));
}
