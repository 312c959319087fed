namespace FakeDiscord.Gateway;

/// <summary>Every frame both ways, plus waiters that complete when a matching frame arrives.</summary>
public sealed class FakeGatewayRecorder
{
    private readonly Lock _lock = new();
    private readonly List<FakeGatewayFrame> _frames = [];
    private readonly List<Waiter> _waiters = [];

    public IReadOnlyList<FakeGatewayFrame> Frames
    {
        get { lock (_lock) { return _frames.ToList(); } }
    }

    internal void Record(FakeGatewayFrame frame)
    {
        List<(Waiter Waiter, FakeGatewayFrame Match)> done = [];
        lock (_lock)
        {
            _frames.Add(frame);
            foreach (var waiter in _waiters.ToList())
            {
                var matches = _frames.Where(waiter.Predicate).ToList();
                if (matches.Count >= waiter.Count)
                {
                    _waiters.Remove(waiter);
                    done.Add((waiter, matches[waiter.Count - 1]));
                }
            }
        }

        foreach (var (waiter, match) in done)
        {
            waiter.Completion.TrySetResult(match);
        }
    }

    /// <summary>Waits until <paramref name="count"/> frames match (counting frames already recorded) and returns the count-th.</summary>
    public async Task<FakeGatewayFrame> WaitForAsync(Func<FakeGatewayFrame, bool> predicate, int count = 1, TimeSpan? timeout = null, string? what = null)
    {
        var waiter = new Waiter(predicate, count);
        lock (_lock)
        {
            var matches = _frames.Where(predicate).ToList();
            if (matches.Count >= count)
            {
                return matches[count - 1];
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
                var seen = string.Join("\n", _frames.Select(f => $"  #{f.ConnectionId} {f.Direction} op {f.Op} {f.EventName} close {f.CloseCode}"));
                throw new TimeoutException($"FakeDiscord gateway: timed out waiting for {what ?? "a frame"} (#{count}). Frames so far:\n{seen}");
            }
        }
    }

    private sealed record Waiter(Func<FakeGatewayFrame, bool> Predicate, int Count)
    {
        public TaskCompletionSource<FakeGatewayFrame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
