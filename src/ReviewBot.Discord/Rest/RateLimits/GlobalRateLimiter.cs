namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Discord's global limit: 50 requests per second per bot token, over a sliding second. Interaction
/// callbacks and interaction webhooks never come here (docs: they are exempt from the global limit).
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int requestsPerSecond = GlobalRateLimiter.DiscordRequestsPerSecond)
{
    public const int DiscordRequestsPerSecond = 50;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _state = new();
    private readonly Queue<DateTimeOffset> _sent = new();
    private DateTimeOffset _pausedUntil;

    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = TryReserve(time.GetUtcNow());
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                await Task.Delay(wait, time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>After a 429 with scope global: every non-interaction request waits.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_state)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    private TimeSpan TryReserve(DateTimeOffset now)
    {
        lock (_state)
        {
            if (now < _pausedUntil)
            {
                return _pausedUntil - now;
            }

            while (_sent.Count > 0 && now - _sent.Peek() >= Window)
            {
                _sent.Dequeue();
            }

            if (_sent.Count < requestsPerSecond)
            {
                _sent.Enqueue(now);
                return TimeSpan.Zero;
            }

            return _sent.Peek() + Window - now;
        }
    }
}
