using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.StoredAnswers;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Renders every answer a review version gives, its /review and an /episode per episode in its
/// guide, exactly as a reply would build them (<see cref="ReviewReplies.ToStoredMessage"/>,
/// <see cref="EpisodeReplies.ToStoredMessage"/>), and stores them with the version
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
    ReviewQuery reviewQuery,
    EpisodeQuery episodeQuery,
    ReviewReplies reviewReplies,
    EpisodeReplies episodeReplies,
    ReviewChartStore charts,
    StoredAnswerStore store,
    AnswerFormat format,
    ILogger<StoredAnswerWriter> logger) : IAfterReviewStored
{
    /// <summary>Stores the answers of the review's current version; false when it is gone, or changed while they were rendered (its next save or pass stores them).</summary>
    public async Task<StoredAnswersOutcome> WriteAsync(long reviewId, CancellationToken cancellationToken)
    {
        if (await reviews.GetPlaceAsync(reviewId, cancellationToken) is not { } place
            || await shows.GetByIdAsync(place.ShowId, cancellationToken) is not { } show
            || await reviews.GetForAnswerAsync(place.ShowId, place.Season, withBody: true, cancellationToken) is not { } loaded
            || loaded.Review.Id != reviewId)
        {
            return StoredAnswersOutcome.Superseded;
        }

        // The answers are built from this one read of the review, so they all show the version it names.
        var version = new ReviewVersion(reviewId, loaded.UpdatedAt, loaded.ContentHash, loaded.Ratings, loaded.RatingSum);
        var preloaded = new PreloadedReview(loaded);
        var answers = new List<StoredAnswer>(loaded.Review.Episodes.Count + 1);
        var outcome = StoredAnswersOutcome.Stored;

        var review = await reviewQuery.AnswerAsync(
            new ReviewLookup(new ReviewRequest(show.Slug, place.Season, ""), show, version, null) { Preloaded = preloaded }, cancellationToken);
        if (review is ReviewAnswer.Found found)
        {
            // From the store, not through the chart cache: a write is not an ask, and must not count as one towards keeping the chart.
            var chart = found.Review.AverageEpisodeScore is null ? null : (await charts.FindAsync(reviewId, ChartKey.Of(found.Review.Episodes), cancellationToken))?.Png;
            if (found.Review.AverageEpisodeScore is null || chart is not null)
            {
                var message = SerializedMessage.Encode(reviewReplies.ToStoredMessage(found, chart));
                answers.Add(new StoredAnswer(0, version.Ratings, version.RatingSum, chart is not null, message));
            }
            else
            {
                outcome = StoredAnswersOutcome.WaitingForChart;
            }
        }

        foreach (var entry in loaded.Review.Episodes)
        {
            // Episode 0 would be the /review answer's place; such an episode is built per ask.
            if (entry.Number <= 0)
            {
                continue;
            }

            var episode = await episodeQuery.AnswerAsync(
                new EpisodeLookup(new EpisodeRequest(entry.Number, show.Slug, place.Season, ""), show, version, null) { Preloaded = preloaded }, cancellationToken);
            if (episode is EpisodeAnswer.Found episodeFound)
            {
                answers.Add(new StoredAnswer(entry.Number, 0, 0, false, SerializedMessage.Encode(episodeReplies.ToStoredMessage(episodeFound, show.Id))));
            }
        }

        return await store.ReplaceAsync(reviewId, version.ContentHash, format.Value, answers, cancellationToken) ? outcome : StoredAnswersOutcome.Superseded;
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
