namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// One Discord rate-limit bucket (bucket hash + major parameter). Requests wait here BEFORE they
/// are sent when the bucket is exhausted, so the bot does not learn about limits from 429s
/// (docs: Rate Limits, "well-behaved bots ... should not rely on 429s").
/// </summary>
internal sealed class RouteBucket(TimeProvider time)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _state = new();
    private int? _limit;
    private int _remaining;
    private DateTimeOffset _resetAt;
    private TimeSpan _window = TimeSpan.FromSeconds(1);

    public int? Limit
    {
        get { lock (_state) { return _limit; } }
    }

    /// <summary>Waits until the bucket has room, then reserves one request. Waiters go one at a time, in order.</summary>
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

    /// <summary>Takes the authoritative state from a response's headers.</summary>
    public void Update(int limit, int remaining, TimeSpan resetAfter, DateTimeOffset now)
    {
        lock (_state)
        {
            // Within a window we know of, in-flight requests already reserved slots: never let a
            // late response raise the count. Once the window is over, the headers start the next one.
            _remaining = _limit is null || now >= _resetAt ? remaining : Math.Min(_remaining, remaining);
            _limit = limit;
            _resetAt = now + resetAfter;
            if (resetAfter > TimeSpan.Zero)
            {
                _window = resetAfter;
            }
        }
    }

    /// <summary>After a 429 on this bucket (scope user or shared): nothing is sent before <paramref name="until"/>.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_state)
        {
            _limit ??= 1;
            _remaining = 0;
            if (until > _resetAt)
            {
                _resetAt = until;
            }
        }
    }

    private TimeSpan TryReserve(DateTimeOffset now)
    {
        lock (_state)
        {
            if (_limit is null)
            {
                return TimeSpan.Zero; // not learned yet: the first response tells us the limit
            }

            if (now >= _resetAt && _remaining <= 0)
            {
                // The window is over; assume a fresh one of the same length until a response says otherwise.
                _remaining = _limit.Value;
                _resetAt = now + _window;
            }

            if (_remaining > 0)
            {
                _remaining--;
                return TimeSpan.Zero;
            }

            return _resetAt - now;
        }
    }
}
