using Microsoft.Extensions.Logging;

namespace ReviewBot.Sources;

/// <summary>
/// Keeps a source's run loop alive for the life of the host. The loops handle their own expected
/// failures (a bad feed, a bad file); anything that still escapes (the inbox folder vanished, the
/// database is unreachable) is logged with its reason and the loop is started again after a delay,
/// because a crashed loop would otherwise stop reviews arriving silently, or stop the whole bot.
/// </summary>
internal static class SupervisedLoop
{
    /// <summary>Long enough not to spin on a persistent fault, short enough that a passing one costs little.</summary>
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(
        string source, Func<CancellationToken, Task> loop, TimeProvider timeProvider, ILogger logger, CancellationToken stoppingToken)
    {
        // Start from the thread pool so a loop's synchronous start never holds up the host's start.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
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
                logger.LogError(ex, "The {Source} loop failed: {Reason}; restarting it in {RestartDelay}", source, ex.Message, RestartDelay);
            }

            try
            {
                await Task.Delay(RestartDelay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
