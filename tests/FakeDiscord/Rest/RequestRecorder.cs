namespace FakeDiscord.Rest;

/// <summary>A thread-safe list of received requests that tests can read and await without sleeping.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }

    public void Add(RecordedRequest request)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _requests.Add(request);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public async Task<IReadOnlyList<RecordedRequest>> WaitAsync(Func<RecordedRequest, bool> predicate, int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            List<RecordedRequest> matches;
            lock (_lock)
            {
                matches = _requests.Where(predicate).ToList();
                changed = _changed.Task;
            }

            if (matches.Count >= count)
            {
                return matches;
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout} for {count} matching requests; saw {matches.Count}.");
            }
        }
    }
}
