namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway sends per connection per 60 s and closes with 4008 beyond that
/// (docs: Events, Gateway, "Rate Limiting"). A sliding window over our own sends: ordinary sends may use <see cref="OrdinaryLimit"/>
/// slots so Heartbeat, Identify and Resume (priority) always find one of the remaining slots.
/// </summary>
public sealed class GatewaySendLimiter(TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Two below Discord's 120, in case their window starts a little before ours.</summary>
    public const int PriorityLimit = 118;

    /// <summary>Heartbeats at ~41 s need at most 2 slots a minute; Identify/Resume 1 more.</summary>
    public const int OrdinaryLimit = 110;

    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public async ValueTask WaitAsync(bool priority, CancellationToken cancellationToken)
    {
        var limit = priority ? PriorityLimit : OrdinaryLimit;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = timeProvider.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= Window)
                {
                    _sent.Dequeue();
                }

                if (_sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }

                // The slot we need frees up when the (count - limit + 1)-th oldest send leaves the window.
                wait = _sent.ElementAt(_sent.Count - limit) + Window - now;
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
