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
    private bool _probing;
    private TaskCompletionSource _probeDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int? Limit
    {
        get { lock (_state) { return _limit; } }
    }

    /// <summary>Nobody waits, nothing is probing and the last window ended long ago: safe to forget.</summary>
    public bool IsIdleSince(DateTimeOffset cutoff)
    {
        lock (_state)
        {
            return !_probing && _turn.CurrentCount == 1 && _resetAt < cutoff;
        }
    }

    /// <summary>
    /// Waits until the bucket has room, then reserves one request. Waiters go one at a time, in order.
    /// True when the caller is the probe of a bucket not learned yet: it must call <see cref="EndProbe"/>
    /// once its attempt is over.
    /// </summary>
    public Task<bool> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// As <see cref="AcquireAsync(CancellationToken)"/>, but a wait longer than <paramref name="longestWait"/>
    /// (a long pause after a 429) throws <see cref="RateLimitPausedException"/> at once instead of being sat out.
    /// </summary>
    public async Task<bool> AcquireAsync(TimeSpan longestWait, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = TryReserve(time.GetUtcNow(), out var probe, out var isProbe);
                if (probe is not null)
                {
                    await probe.WaitAsync(cancellationToken);
                    continue;
                }

                if (wait <= TimeSpan.Zero)
                {
                    return isProbe;
                }

                if (longestWait != Timeout.InfiniteTimeSpan && wait > longestWait)
                {
                    throw new RateLimitPausedException(wait);
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

    /// <summary>
    /// Called by the probe after its attempt (answered or not), so the next waiter may probe, or pass
    /// if the answer taught us the limit.
    /// </summary>
    public void EndProbe()
    {
        TaskCompletionSource? done = null;
        lock (_state)
        {
            if (_probing)
            {
                _probing = false;
                done = _probeDone;
                _probeDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        done?.TrySetResult();
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

    private TimeSpan TryReserve(DateTimeOffset now, out Task? probe, out bool isProbe)
    {
        lock (_state)
        {
            probe = null;
            isProbe = false;
            if (_limit is null)
            {
                // Not learned yet: one request goes first and its answer tells us the limit; the
                // others wait for it rather than burst into an unknown limit and collect 429s.
                if (_probing)
                {
                    probe = _probeDone.Task;
                    return TimeSpan.Zero;
                }

                _probing = true;
                isProbe = true;
                return TimeSpan.Zero;
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
