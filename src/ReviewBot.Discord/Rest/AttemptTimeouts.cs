namespace ReviewBot.Discord.Rest;

/// <summary>
/// The sources that end a request attempt after its time limit, kept for the next attempt: a new
/// source per attempt was a timer, a registrations list and a callback node for every request. A
/// source comes back only after its attempt is over (the request sent and disposed, the caller's
/// token no longer registered on it, the answer read), and is kept only if
/// <see cref="CancellationTokenSource.TryReset"/> says it was never cancelled and its timer never
/// fired (and so dropped whatever was still registered); any other is disposed, as every source
/// under a time provider of its own is (it cannot be reset).
/// </summary>
internal sealed class AttemptTimeouts(TimeProvider time)
{
    /// <summary>About as many attempts as run at once; past that, sources are made and disposed as before.</summary>
    private const int Kept = 16;

    private readonly Lock _lock = new();
    private readonly Stack<CancellationTokenSource> _idle = new(Kept);

    /// <summary>A source that cancels after <paramref name="limit"/>, until handed to <see cref="Return"/>.</summary>
    public CancellationTokenSource Start(TimeSpan limit)
    {
        CancellationTokenSource? source;
        lock (_lock)
        {
            _idle.TryPop(out source);
        }

        if (source is null)
        {
            return new CancellationTokenSource(limit, time);
        }

        source.CancelAfter(limit);
        return source;
    }

    /// <summary>The attempt is over: nothing uses the source's token any more.</summary>
    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            lock (_lock)
            {
                if (_idle.Count < Kept)
                {
                    _idle.Push(source);
                    return;
                }
            }
        }

        source.Dispose();
    }
}
