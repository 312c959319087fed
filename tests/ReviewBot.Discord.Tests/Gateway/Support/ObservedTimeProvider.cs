using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>
/// A FakeTimeProvider that reports each timer the code under test creates, so a test advances the
/// clock only after the wait it means is registered (no races, no sleeps).
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();
    private readonly Channel<(DateTimeOffset CreatedAt, TimeSpan DueTime)> _createdAt = Channel.CreateUnbounded<(DateTimeOffset, TimeSpan)>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Armed(dueTime);
        return new ObservedTimer(timer, this);
    }

    /// <summary>A timer armed with a finite due time, at creation or later (CancelAfter re-arms one).</summary>
    private void Armed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _created.Writer.TryWrite(dueTime);
        _createdAt.Writer.TryWrite((GetUtcNow(), dueTime));
    }

    /// <summary>
    /// Waits until a timer with exactly <paramref name="dueTime"/> was created (others are skipped) and
    /// returns the moment it fires: what the code waits for, whether it was armed before or after the
    /// test's last step. Reads its own record, apart from <see cref="WaitForTimerAsync(TimeSpan)"/>.
    /// </summary>
    public async Task<DateTimeOffset> WaitForTimerFiringAtAsync(TimeSpan dueTime)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var (createdAt, due) in _createdAt.Reader.ReadAllAsync(timeout.Token))
        {
            if (due == dueTime)
            {
                return createdAt + due;
            }
        }

        throw new InvalidOperationException("unreachable: the channel is never completed");
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> was created (others are skipped).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime) => WaitForTimerAsync(dueTime, dueTime);

    /// <summary>Waits for a timer due within [min, max] and returns its due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(TimeSpan min, TimeSpan max)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        List<TimeSpan> skipped = [];
        try
        {
            await foreach (var created in _created.Reader.ReadAllAsync(timeout.Token))
            {
                if (created >= min && created <= max)
                {
                    return created;
                }

                skipped.Add(created);
            }
        }
        catch (OperationCanceledException)
        {
            // Fall through to a message that says which timers did appear.
        }

        throw new TimeoutException($"No timer due in [{min}, {max}]; saw: {string.Join(", ", skipped)}");
    }

    /// <summary>Reports each re-arming (<see cref="ITimer.Change"/>) as a new timer.</summary>
    private sealed class ObservedTimer(ITimer inner, ObservedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            owner.Armed(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
