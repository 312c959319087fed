using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Duties;

/// <summary>
/// A background pass run once at start and again every <see cref="PassInterval"/>, off the host's
/// start: a backfill whose first pass may work for minutes on a large upgraded store, and whose later
/// passes catch up with whatever failed when a review was stored. A failed pass is logged and the
/// next one tries again; only a stop ends the loop.
/// </summary>
internal abstract class PeriodicPassService(TimeProvider time, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromMinutes(10);

    /// <summary>What the pass does, for its log line ("the chart backfill").</summary>
    protected abstract string PassName { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>How long after start the first pass waits; none unless a pass says otherwise.</summary>
    protected virtual TimeSpan FirstPassDelay => TimeSpan.Zero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (FirstPassDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(FirstPassDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("The {PassName} pass failed: {Reason}; trying again in {PassInterval}", PassName, ex.Message, PassInterval);
            }

            try
            {
                await Task.Delay(PassInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
