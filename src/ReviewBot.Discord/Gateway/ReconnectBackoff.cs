using ReviewBot.Shared;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Delay before each reconnect attempt: none for the first try after a healthy Session (op 7 wants a
/// prompt Resume), then the bot's one backoff rule (<see cref="ExponentialBackoff"/>) from
/// <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, each scaled by a random factor
/// (<paramref name="nextRandom"/> gives [0, 1)) in [0.5, 1) so many shards (or bots) do not reconnect in lockstep.
/// </summary>
public sealed class ReconnectBackoff(Func<double> nextRandom)
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private static readonly ExponentialBackoff Rule = new(BaseDelay, MaxDelay);

    private int _failures;

    public TimeSpan NextDelay()
    {
        var failures = _failures++;
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        return Rule.Delay(failures, nextRandom(), spread: 0.5);
    }

    /// <summary>Called once a connection reached READY or RESUMED and had a heartbeat acknowledged after it.</summary>
    public void Reset() => _failures = 0;
}
