using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewBot.Bot;

/// <summary>
/// Gives memory back to the operating system once the bot goes quiet after a burst of work (start-up's
/// GUILD_CREATEs, an import, a busy hour). After a burst the runtime keeps its free regions and gen0's
/// budget committed; a process with nothing to do would hold them until its next collection, which
/// a quiet process may not have for hours. Checks every <see cref="IdleMemoryTrimOptions.IdleCheckInterval"/>
/// and leaves when to trim to <see cref="IdleTrimDecision"/>.
/// </summary>
public sealed class IdleMemoryTrim(
    IManagedHeap heap,
    IOptions<IdleMemoryTrimOptions> options,
    TimeProvider time,
    ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.TrimWhenIdle)
        {
            return;
        }

        // The timer before the first reading, so every interval ends after the reading it is measured from.
        using var timer = new PeriodicTimer(settings.IdleCheckInterval, time);
        var decision = new IdleTrimDecision(settings.QuietBelowBytes, settings.MinBytesSinceLastTrim, heap.AllocatedBytes);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (decision.IsTimeToTrim(heap.AllocatedBytes, out var bytesSinceLastTrim))
                {
                    var started = time.GetTimestamp();
                    heap.GiveBackMemory();
                    logger.LogDebug(
                        "Gave memory back while idle: {AllocatedKiBSinceLastTrim} KiB allocated since the last trim, collected in {TrimMilliseconds:F1} ms",
                        bytesSinceLastTrim / 1024,
                        time.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing to finish.
        }
    }
}
