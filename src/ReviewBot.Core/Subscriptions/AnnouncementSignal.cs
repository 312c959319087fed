namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// Wakes the delivery worker at once when this process queued announcements. Another process (an
/// <c>import</c> beside the bot) cannot reach it; the worker's polling covers that case.
/// </summary>
public sealed class AnnouncementSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: several notifications before the worker looks are one pass.
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Returns true when notified, false after <paramref name="timeout"/> (measured on <paramref name="time"/>).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval elapsed: look at the table anyway.
            return false;
        }
    }
}
