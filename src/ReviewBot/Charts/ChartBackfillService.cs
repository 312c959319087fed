using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;
using ReviewBot.Duties;

namespace ReviewBot.Charts;

/// <summary>
/// Draws the charts missing from the store in the background (<see cref="ChartBackfill"/>): once at
/// start (a database upgraded from before charts were stored has none) and again every
/// <see cref="PeriodicPassService.PassInterval"/> for any whose drawing failed when its review was stored. One process on
/// the database runs it at a time (a one-at-a-time duty, with the sources).
/// </summary>
internal sealed class ChartBackfillService(ChartBackfill backfill, TimeProvider time, ILogger<ChartBackfillService> logger)
    : PeriodicPassService(time, logger)
{
    protected override string PassName => "chart backfill";

    protected override Task RunPassAsync(CancellationToken cancellationToken) => backfill.RunPassAsync(cancellationToken);
}
