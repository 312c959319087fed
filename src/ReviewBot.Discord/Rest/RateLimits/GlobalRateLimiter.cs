namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Discord's global limit: 50 requests per second per bot token. Interaction callbacks and
/// interaction webhooks never come here (docs: they are exempt from the global limit).
/// A request holds its slot while in flight and for one second after its answer arrived: Discord
/// counts a request when it arrives, which is some time between sending and the answer, so
/// counting from the answer can never undercount, whatever the network delay.
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int requestsPerSecond = GlobalRateLimiter.DiscordRequestsPerSecond)
{
    public const int DiscordRequestsPerSecond = 50;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _state = new();
    private readonly Queue<DateTimeOffset> _answered = new();
    private int _inFlight;
    private DateTimeOffset _pausedUntil;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits for a slot; the caller must <see cref="Release"/> it once the answer (or failure) is in.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var wait = TryReserve(time.GetUtcNow(), out var released);
                if (released is not null)
                {
                    await released.WaitAsync(cancellationToken);
                }
                else if (wait <= TimeSpan.Zero)
                {
                    return;
                }
                else
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Release()
    {
        TaskCompletionSource released;
        lock (_state)
        {
            _inFlight--;
            _answered.Enqueue(time.GetUtcNow());
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
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

    private TimeSpan TryReserve(DateTimeOffset now, out Task? released)
    {
        lock (_state)
        {
            released = null;
            if (now < _pausedUntil)
            {
                return _pausedUntil - now;
            }

            while (_answered.Count > 0 && now - _answered.Peek() >= Window)
            {
                _answered.Dequeue();
            }

            if (_inFlight + _answered.Count < requestsPerSecond)
            {
                _inFlight++;
                return TimeSpan.Zero;
            }

            if (_answered.Count == 0)
            {
                released = _released.Task; // every slot is in flight: wait for an answer
                return TimeSpan.Zero;
            }

            return _answered.Peek() + Window - now;
        }
    }
}
