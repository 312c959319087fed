using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Charts;

/// <summary>
/// Draws the charts missing from the store (reviews stored before charts were kept, or whose drawing
/// failed when they were stored) and checks those recorded for another version of their review than
/// its current one (drawn again if the scores differ): newest first, one at a time, a page of reviews
/// per query. Safe to run beside a save of the same review, or in two processes at once: a chart is an
/// upsert of the same image, and a drawing of a version that changed meanwhile is not stored.
/// </summary>
public sealed class ChartBackfill(ReviewChartStore store, ReviewCharts charts, ILogger<ChartBackfill> logger)
{
    private const int PageSize = 64;

    /// <summary>One walk over the reviews without a chart of their current version; returns how many charts it stored.</summary>
    public async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        if (!charts.CanDraw)
        {
            return 0;
        }

        var drawn = 0;
        var failed = 0;
        ChartlessReview? after = null;
        while (true)
        {
            var page = await store.MissingAsync(after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var review in page)
            {
                after = review;
                if (await DrawAsync(review.ReviewId, cancellationToken) is { } outcome)
                {
                    drawn += outcome == ChartOutcome.Drawn ? 1 : 0;
                }
                else
                {
                    failed++;
                }
            }
        }

        if (drawn > 0 || failed > 0)
        {
            logger.LogInformation("Chart backfill stored {ChartsDrawn} charts; {ChartsFailed} could not be drawn and wait for the next pass", drawn, failed);
        }

        return drawn;
    }

    /// <summary>The outcome, or null when drawing or storing failed (logged; the next pass tries again).</summary>
    private async Task<ChartOutcome?> DrawAsync(long reviewId, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.LoadSourceAsync(reviewId, cancellationToken) is not { } source)
            {
                return ChartOutcome.Superseded; // deleted since the page was read
            }

            var outcome = await charts.EnsureAsync(source.ReviewId, source.ContentHash, source.Episodes, cancellationToken);
            logger.LogDebug("Backfill: chart of review {ReviewId}: {ChartOutcome}", reviewId, outcome);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Backfill: the chart of review {ReviewId} could not be drawn or stored: {Reason}", reviewId, ex.Message);
            return null;
        }
    }
}
