using System.Diagnostics;
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
    public async Task<bool> FinishesInTimeAsync(Task work, long receivedTimestamp, CancellationToken cancellationToken)
    {
        if (work.IsCompleted)
        {
            return true; // answered already (a fixed reply): no timer to start
        }

        var budget = options.Value.DeferAfter - Stopwatch.GetElapsedTime(receivedTimestamp);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time, deferTimer.Token);
        if (await Task.WhenAny(work, deadline) == work)
        {
            await deferTimer.CancelAsync();
            return true;
        }

        return false;
    }
}
