using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.StoredAnswers;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Renders every answer a review version gives, its /review and an /episode per episode in its
/// guide, exactly as a reply would build them (<see cref="StoredAnswerRendering"/>), and stores them with the version
/// (<see cref="StoredAnswerStore"/>), so that answering a member reads them instead. Run when a
/// review is stored, after its chart (<see cref="IAfterReviewStored"/>), and by the backfill
/// (<see cref="StoredAnswerBackfill"/>) for reviews stored before, stored by another build, or whose
/// chart came later.
/// </summary>
/// <remarks>
/// A /review whose episodes have scores is stored only with its chart: while the chart is not stored,
/// a reply shows the scores as a row of text instead and is built per ask, and so is left out here
/// until the chart is there (the backfill comes back to it). An answer that changes with the
/// community's ratings is stored at the ratings it was rendered with, and read only while they hold.
/// </remarks>
public sealed class StoredAnswerWriter(
    ReviewStore reviews,
    ShowStore shows,
    StoredAnswerRendering rendering,
    ReviewChartStore charts,
    StoredAnswerStore store,
    AnswerFormat format,
    ILogger<StoredAnswerWriter> logger) : IAfterReviewStored
{
    /// <summary>Stores the answers of the review's current version; Superseded when it is gone, or changed while they were rendered (its next save or pass stores them).</summary>
    public async Task<StoredAnswersOutcome> WriteAsync(long reviewId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reviewId, cancellationToken) is not { } source)
        {
            return StoredAnswersOutcome.Superseded;
        }

        var episodes = source.Preloaded.Review!.Review.Episodes;
        var answers = new List<StoredAnswer>(episodes.Count + 1);
        var review = await RenderReviewAsync(source, cancellationToken);
        if (review is not null)
        {
            answers.Add(review);
        }

        foreach (var entry in episodes)
        {
            // Episode 0 would be the /review answer's place; such an episode is built per ask.
            if (entry.Number > 0 && await rendering.EpisodeMessageAsync(source, entry.Number, cancellationToken) is { } message)
            {
                answers.Add(new StoredAnswer(entry.Number, 0, 0, false, message));
            }
        }

        return !await store.ReplaceAsync(reviewId, source.Version.ContentHash, await format.GetAsync(cancellationToken), answers, cancellationToken) ? StoredAnswersOutcome.Superseded
            : review is null ? StoredAnswersOutcome.WaitingForChart
            : StoredAnswersOutcome.Stored;
    }

    /// <summary>
    /// Stores the review's /review answer alone, at the community score it has now: after its ratings
    /// changed, which its episodes' answers do not show.
    /// </summary>
    public async Task<StoredAnswersOutcome> WriteReviewAsync(long reviewId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reviewId, cancellationToken) is not { } source)
        {
            return StoredAnswersOutcome.Superseded;
        }

        if (await RenderReviewAsync(source, cancellationToken) is not { } review)
        {
            return StoredAnswersOutcome.WaitingForChart;
        }

        return await store.SaveAsync(reviewId, source.Version.ContentHash, await format.GetAsync(cancellationToken), review, cancellationToken)
            ? StoredAnswersOutcome.Stored
            : StoredAnswersOutcome.Superseded;
    }

    /// <summary>After an import stored a review (and drew its chart): its answers. Never throws; the backfill stores what this did not.</summary>
    public async Task AfterStoredAsync(long reviewId, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await WriteAsync(reviewId, cancellationToken);
            logger.LogDebug("Answers of review {ReviewId}: {StoredAnswersOutcome}", reviewId, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped before the answers of review {ReviewId} were stored; the backfill stores them", reviewId);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The answers of review {ReviewId} were not stored ({Reason}); the review is, and the backfill stores them", reviewId, ex.Message);
        }
    }

    /// <summary>The review as one read of it (so every answer shows the version it names), with its show; null when it is gone.</summary>
    private async Task<ReadReview?> LoadAsync(long reviewId, CancellationToken cancellationToken) =>
        await reviews.GetPlaceAsync(reviewId, cancellationToken) is { } place
            && await shows.GetByIdAsync(place.ShowId, cancellationToken) is { } show
            && await reviews.GetForAnswerAsync(place.ShowId, place.Season, withBody: true, cancellationToken) is { } loaded
            && loaded.Review.Id == reviewId
                ? ReadReview.Of(show, loaded)
                : null;

    /// <summary>The /review answer with its chart; null while the chart its scores call for is not stored.</summary>
    private async Task<StoredAnswer?> RenderReviewAsync(ReadReview source, CancellationToken cancellationToken)
    {
        if (await rendering.ReviewAsync(source, cancellationToken) is not { } found)
        {
            return null;
        }

        // From the store, not through the chart cache: a write is not an ask, and must not count as one towards keeping the chart.
        byte[]? chart = null;
        if (found.Review.AverageEpisodeScore is not null
            && (chart = (await charts.FindAsync(source.Version.ReviewId, ChartKey.Of(found.Review.Episodes), cancellationToken))?.Png) is null)
        {
            return null;
        }

        return new StoredAnswer(0, source.Version.Ratings, source.Version.RatingSum, chart is not null, rendering.ReviewMessage(found, chart));
    }
}

public enum StoredAnswersOutcome
{
    /// <summary>Every answer of the version is stored.</summary>
    Stored,

    /// <summary>The episodes' answers are stored; the /review answer waits for its chart.</summary>
    WaitingForChart,

    /// <summary>The review changed or went while its answers were rendered: nothing stored; its newer version's are stored by its own save.</summary>
    Superseded,
}
