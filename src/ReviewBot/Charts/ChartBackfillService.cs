using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;

namespace ReviewBot.Charts;

/// <summary>
/// Draws the charts missing from the store in the background (<see cref="ChartBackfill"/>): once at
/// start (a database upgraded from before charts were stored has none) and again every
/// <see cref="PassInterval"/> for any whose drawing failed when its review was stored. One process on
/// the database runs it at a time (a one-at-a-time duty, with the sources).
/// </summary>
internal sealed class ChartBackfillService(ChartBackfill backfill, TimeProvider time, ILogger<ChartBackfillService> logger) : BackgroundService
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start: the first pass may draw for minutes on a large upgraded store.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await backfill.RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("The chart backfill pass failed: {Reason}; trying again in {PassInterval}", ex.Message, PassInterval);
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
