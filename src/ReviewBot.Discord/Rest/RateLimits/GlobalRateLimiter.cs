namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Discord's global limit: 50 requests per second per bot token (more for bots Discord granted a
/// higher limit). Interaction callbacks and interaction webhooks never come here (docs: they are
/// exempt from the global limit).
/// A request holds its slot while in flight and for one second after its answer arrived: Discord
/// counts a request when it arrives, which is some time between sending and the answer, so
/// counting from the answer can never undercount, whatever the network delay.
/// </summary>
/// <remarks>
/// Waiters queue first come, first served. A freed slot (an answer a second old, or the end of a
/// global pause) is handed to exactly one waiter, and one timer, armed for the moment the oldest
/// answer leaves the window, serves the whole queue: a fan-out of thousands of requests costs one
/// wake-up per request rather than a timer and a retry per waiter.
/// </remarks>
internal sealed class GlobalRateLimiter
{
    public const int DiscordRequestsPerSecond = 50;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly int _requestsPerSecond;
    private readonly Lock _state = new();
    private readonly Queue<DateTimeOffset> _answered = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly ITimer _timer;
    private int _inFlight;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset? _timerDue;

    public GlobalRateLimiter(TimeProvider time, int requestsPerSecond = DiscordRequestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        _time = time;
        _requestsPerSecond = requestsPerSecond;
        _timer = time.CreateTimer(static state => ((GlobalRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Waits for a slot; the caller must <see cref="Release"/> it once the answer (or failure) is in.</summary>
    public Task AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// As <see cref="AcquireAsync(CancellationToken)"/>, but while a pause longer than <paramref name="longestWait"/>
    /// lasts (a long global 429, a Cloudflare ban) the request fails at once with <see cref="RateLimitPausedException"/>.
    /// </summary>
    public Task AcquireAsync(TimeSpan longestWait, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        Waiter waiter;
        List<Waiter>? granted;
        lock (_state)
        {
            if (longestWait != Timeout.InfiniteTimeSpan && _pausedUntil - _time.GetUtcNow() is var paused && paused > longestWait)
            {
                return Task.FromException(new RateLimitPausedException(paused));
            }

            // Nobody queued ahead and a slot free: take it without allocating anything.
            if (_waiters.Count == 0 && NextFree(_time.GetUtcNow()) is null)
            {
                _inFlight++;
                return Task.CompletedTask;
            }

            waiter = new Waiter();
            waiter.Node = _waiters.AddLast(waiter);
            granted = Pump();
        }

        Grant(granted);

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((GlobalRateLimiter)((object[])state!)[0]).Cancel((Waiter)((object[])state!)[1], token),
                new object[] { this, waiter });
            lock (_state)
            {
                if (waiter.Node is not null)
                {
                    // Still queued: whoever grants it later (under this lock) disposes the registration.
                    waiter.Registration = registration;
                    registration = default;
                }
            }

            registration.Dispose(); // granted or cancelled meanwhile: the registration is no longer needed
        }

        return waiter.Task;
    }

    public void Release()
    {
        List<Waiter>? granted;
        lock (_state)
        {
            _inFlight--;
            _answered.Enqueue(_time.GetUtcNow());
            granted = Pump();
        }

        Grant(granted);
    }

    /// <summary>After a 429 with scope global: every non-interaction request waits.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_state)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
                ArmTimer(_time.GetUtcNow());
            }
        }
    }

    private void OnTimer()
    {
        List<Waiter>? granted;
        lock (_state)
        {
            _timerDue = null;
            granted = Pump();
        }

        Grant(granted);
    }

    /// <summary>Under the lock: hands every slot free now to the queue's head, in order, then arms the timer for the next.</summary>
    private List<Waiter>? Pump()
    {
        List<Waiter>? granted = null;
        var now = _time.GetUtcNow();
        while (TryGrant(now) is { } waiter)
        {
            (granted ??= []).Add(waiter);
        }

        ArmTimer(now);
        return granted;
    }

    private static void Grant(List<Waiter>? granted)
    {
        if (granted is null)
        {
            return;
        }

        foreach (var waiter in granted)
        {
            waiter.Grant();
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_state)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted: the caller owns the slot
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.TrySetCanceled(token);
    }

    /// <summary>Under the lock: gives the head of the queue a slot when one is free now.</summary>
    private Waiter? TryGrant(DateTimeOffset now)
    {
        if (_waiters.First is not { } head || NextFree(now) is not null)
        {
            return null;
        }

        _waiters.RemoveFirst();
        head.Value.Node = null;
        _inFlight++;
        return head.Value;
    }

    /// <summary>Under the lock: null when a slot is free at <paramref name="now"/>; otherwise when one may free (MaxValue: when an answer arrives).</summary>
    private DateTimeOffset? NextFree(DateTimeOffset now)
    {
        if (now < _pausedUntil)
        {
            return _pausedUntil;
        }

        while (_answered.Count > 0 && now - _answered.Peek() >= Window)
        {
            _answered.Dequeue();
        }

        if (_inFlight + _answered.Count < _requestsPerSecond)
        {
            return null;
        }

        // Every slot in flight: only an answer (Release) frees one, and it then counts for a second.
        return _answered.Count == 0 ? DateTimeOffset.MaxValue : _answered.Peek() + Window;
    }

    /// <summary>Under the lock: one timer for the queue's head, at the moment its slot frees.</summary>
    private void ArmTimer(DateTimeOffset now)
    {
        if (_waiters.Count == 0 || NextFree(now) is not { } due || due == DateTimeOffset.MaxValue)
        {
            return; // nobody waits, the head can go now (the caller grants), or only an answer frees a slot
        }

        if (_timerDue is { } armed && armed <= due && armed > now)
        {
            return;
        }

        _timerDue = due;
        _timer.Change(due - now, Timeout.InfiniteTimeSpan);
    }

    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>Outside the lock, after <see cref="Node"/> was cleared under it: nobody writes <see cref="Registration"/> any more.</summary>
        public void Grant()
        {
            TrySetResult();
            Registration.Dispose();
        }
    }
}
