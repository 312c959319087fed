using Microsoft.Extensions.Logging;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Charts;

/// <summary>
/// Draws a review version's chart and stores it, unless a chart of the same scores is stored already.
/// Used where a review is stored (after its transaction commits), by the backfill, and by background
/// work that finds a chart missing; never by an answer to a member.
/// </summary>
public sealed class ReviewCharts(ReviewChartStore store, IEnumerable<IReviewChartDrawer> drawers, ILogger<ReviewCharts> logger)
{
    // The last registration wins, as it does for a single service, so a host or a test can put its own in.
    private readonly IReviewChartDrawer? _drawer = drawers.LastOrDefault();

    /// <summary>False when the host registered no drawer: charts are then neither drawn nor stored.</summary>
    public bool CanDraw => _drawer is not null;

    /// <summary>Draws and stores the chart of the version <paramref name="contentHash"/> names unless one of the same scores is stored.</summary>
    public async Task<ChartOutcome> EnsureAsync(long reviewId, string contentHash, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        if (_drawer is null || EpisodeScores.Average(episodes) is null)
        {
            return ChartOutcome.NothingToDraw;
        }

        var ordered = ChartKey.InOrder(episodes);
        var key = ChartKey.Of(ordered);
        var (stored, drawnFrom) = await store.FindDrawnFromAsync(reviewId, key, cancellationToken);
        if (stored)
        {
            // A chart of these scores, maybe recorded for an earlier version (an edit of the prose):
            // recorded for this one, so the backfill does not look at it again.
            return drawnFrom == contentHash || await store.ConfirmAsync(reviewId, contentHash, key, cancellationToken)
                ? ChartOutcome.AlreadyStored
                : ChartOutcome.Superseded;
        }

        return await DrawAndSaveAsync(reviewId, contentHash, ordered, key, cancellationToken) ? ChartOutcome.Drawn : ChartOutcome.Superseded;
    }

    /// <summary>
    /// The stored chart of these scores, else drawn now and stored (for background work and the CLI).
    /// Null when there is nothing to draw or no drawer.
    /// </summary>
    public async Task<byte[]?> GetOrDrawAsync(long reviewId, string contentHash, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        if (EpisodeScores.Average(episodes) is null)
        {
            return null;
        }

        var ordered = ChartKey.InOrder(episodes);
        var key = ChartKey.Of(ordered);
        if (await store.FindAsync(reviewId, key, cancellationToken) is { } stored)
        {
            return stored.Png;
        }

        if (_drawer is null)
        {
            return null;
        }

        var png = _drawer.Draw(ordered);
        await store.SaveAsync(reviewId, contentHash, key, png, cancellationToken);
        return png;
    }

    /// <summary>
    /// After a review's transaction committed: its chart, drawn and stored. Never throws: the review is
    /// stored whatever happens to its chart, and a chart not stored here is drawn by the backfill.
    /// </summary>
    public async Task AfterStoredAsync(long reviewId, string contentHash, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await EnsureAsync(reviewId, contentHash, episodes, cancellationToken);
            logger.LogDebug("Chart of review {ReviewId}: {ChartOutcome}", reviewId, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped before the chart of review {ReviewId} was stored; the backfill draws it", reviewId);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The chart of review {ReviewId} was not stored ({Reason}); the review is, and the backfill draws its chart", reviewId, ex.Message);
        }
    }

    private async Task<bool> DrawAndSaveAsync(long reviewId, string contentHash, IReadOnlyList<EpisodeEntry> ordered, string key, CancellationToken cancellationToken)
    {
        var png = _drawer!.Draw(ordered);
        return await store.SaveAsync(reviewId, contentHash, key, png, cancellationToken);
    }
}

public enum ChartOutcome
{
    /// <summary>No scored episode, or no drawer: nothing stored.</summary>
    NothingToDraw,

    /// <summary>A chart of the same scores was stored already; nothing drawn.</summary>
    AlreadyStored,

    /// <summary>Drawn and stored.</summary>
    Drawn,

    /// <summary>
    /// The review changed (or went) meanwhile, so nothing was stored (a drawing, or the record that the
    /// stored chart is this version's); the newer version's save draws its own.
    /// </summary>
    Superseded,
}
