using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace ReviewBot.Interactions;

/// <summary>
/// Decides whether a handler answered in time for an immediate reply or must be deferred. Discord's
/// 3 s run from when it sent the interaction, not from when a handler slot came free, so time spent
/// queued behind other interactions comes out of the budget; none left means defer now.
/// </summary>
public sealed class DeferTiming(IOptions<InteractionDispatchOptions> options, TimeProvider time)
{
    /// <summary>True when <paramref name="work"/> finished before <see cref="InteractionDispatchOptions.DeferAfter"/> since <paramref name="receivedTimestamp"/>.</summary>
    /// <remarks>
    /// A stop of the bot ends the wait early, like the deadline. Pooled: every command that does not
    /// answer at once awaits one, and only the wait's own timer is left to allocate.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FinishesInTimeAsync(Task work, long receivedTimestamp, CancellationToken cancellationToken)
    {
        if (work.IsCompleted)
        {
            return true; // answered already (a fixed reply): no timer to start
        }

        var budget = options.Value.DeferAfter - Stopwatch.GetElapsedTime(receivedTimestamp);
        if (budget <= TimeSpan.Zero)
        {
            return false;
        }

        // Ends when the work does, at the deadline (a TimeoutException, not thrown here) or on a stop; which it was is the work's state.
        await work.WaitAsync(budget, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return work.IsCompleted;
    }
}
