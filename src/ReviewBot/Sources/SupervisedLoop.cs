using Microsoft.Extensions.Logging;
using ReviewBot.Shared;

namespace ReviewBot.Sources;

/// <summary>
/// Keeps a source's run loop alive for the life of the host. The loops handle their own expected
/// failures (a bad feed, a bad file); anything that still escapes (the inbox folder vanished, the
/// database is unreachable) is logged with its reason and the loop is started again after a delay,
/// because a crashed loop would otherwise stop reviews arriving silently, or stop the whole bot. A
/// fault that persists is retried later and later (<see cref="ExponentialBackoff"/>, from
/// <see cref="RestartDelay"/> to <see cref="MaxRestartDelay"/>), so a day of it is a few dozen log
/// entries and attempts, not thousands.
/// </summary>
internal static class SupervisedLoop
{
    /// <summary>The first restart's delay: long enough not to spin on a persistent fault, short enough that a passing one costs little.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between restarts; a loop that ran at least this long before it failed starts over from <see cref="RestartDelay"/>.</summary>
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(30);

    private static readonly ExponentialBackoff Backoff = new(RestartDelay, MaxRestartDelay);

    /// <summary>
    /// The failures in a row and the delay before the next start, for a run that failed after
    /// <paramref name="ranFor"/> with <paramref name="failures"/> failures in a row before it: a run that
    /// lasted <see cref="MaxRestartDelay"/> or more had recovered, so the count starts over.
    /// </summary>
    public static (int Failures, TimeSpan Delay) AfterFailure(int failures, TimeSpan ranFor)
    {
        var inARow = ranFor >= MaxRestartDelay ? 1 : failures + 1;
        return (inARow, Backoff.Delay(inARow));
    }

    public static async Task RunAsync(
        string source, Func<CancellationToken, Task> loop, TimeProvider timeProvider, ILogger logger, CancellationToken stoppingToken)
    {
        // Start from the thread pool so a loop's synchronous start never holds up the host's start.
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = timeProvider.GetTimestamp();
            try
            {
                // A loop that returns by itself is switched off (nothing configured): nothing to restart.
                await loop(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                (failures, var delay) = AfterFailure(failures, timeProvider.GetElapsedTime(started));
                logger.LogError(
                    ex, "The {Source} loop failed: {Reason}; restarting it in {RestartDelay} (failure {Failures} in a row)", source, ex.Message, delay, failures);
                try
                {
                    await Task.Delay(delay, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
