using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ReviewBot.Interactions;

/// <summary>
/// When a handler's answer is too late for an immediate reply. Discord's 3 s run from when it sent the
/// interaction, not from when a handler slot came free, so time spent queued behind other interactions
/// comes out of the budget; none left means defer now.
/// </summary>
public sealed class DeferTiming(IOptions<InteractionDispatchOptions> options, TimeProvider time)
{
    /// <summary>What is left of <see cref="InteractionDispatchOptions.DeferAfter"/> since <paramref name="receivedTimestamp"/>; zero or less when none is.</summary>
    public TimeSpan Left(long receivedTimestamp) => options.Value.DeferAfter - Stopwatch.GetElapsedTime(receivedTimestamp);

    /// <summary>
    /// A one-shot timer on the bot's clock: its callback runs on the thread pool, so it fires while
    /// the thread that armed it is still busy (or blocked) in a handler.
    /// </summary>
    public ITimer StartTimer(TimerCallback callback, object state, TimeSpan dueTime) =>
        time.CreateTimer(callback, state, dueTime, Timeout.InfiniteTimeSpan);
}
