namespace ReviewBot.Interactions;

/// <summary>Tasks that run on after their caller returned, kept so that a stop can still wait for them.</summary>
internal sealed class TrackedTasks
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    public void Track(Task task)
    {
        lock (_lock)
        {
            _running.Add(task);
        }

        // Added before the continuation is attached, so a task that has already finished is removed too.
        _ = task.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>For a task that calls <see cref="Remove"/> itself when it ends: no continuation to attach.</summary>
    public void Add(Task task)
    {
        lock (_lock)
        {
            _running.Add(task);
        }
    }

    public void Remove(Task task)
    {
        lock (_lock)
        {
            _running.Remove(task);
        }
    }

    public Task WhenAllAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_running.ToArray());
        }
    }

    private void Forget(Task task)
    {
        lock (_lock)
        {
            _running.Remove(task);
        }
    }
}
