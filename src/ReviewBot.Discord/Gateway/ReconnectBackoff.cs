namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Delay before each reconnect attempt: none for the first try after a healthy Session (op 7 wants a
/// prompt Resume), then exponential from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, each
/// scaled by a random factor (<paramref name="nextRandom"/> gives [0, 1)) in [0.5, 1) so many shards (or bots) do not reconnect in lockstep.
/// </summary>
public sealed class ReconnectBackoff(Func<double> nextRandom)
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private int _failures;

    public TimeSpan NextDelay()
    {
        var failures = _failures++;
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (nextRandom() * 0.5)));
    }

    /// <summary>Called once a connection reached READY or RESUMED.</summary>
    public void Reset() => _failures = 0;
}
