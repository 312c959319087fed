using Microsoft.Extensions.Logging;
using ReviewBot.Core.StoredAnswers;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Stores the answers missing from the store: reviews stored before answers were, or by a build that
/// renders them otherwise (another <see cref="AnswerFormat"/>), or whose /review waited for its chart.
/// One review at a time, a page of ids per query, in id order. Safe beside a save of the same review
/// or in two processes at once: each review's answers are replaced whole, and only while the review
/// still has the version they were rendered from.
/// </summary>
public sealed class StoredAnswerBackfill(StoredAnswerStore store, StoredAnswerWriter writer, AnswerFormat format, ILogger<StoredAnswerBackfill> logger)
{
    private const int PageSize = 64;

    /// <summary>One walk over the reviews whose answers are missing or stale; returns how many reviews' answers it stored.</summary>
    public async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var stored = 0;
        var failed = 0;
        var after = 0L;
        var current = await format.GetAsync(cancellationToken);
        while (true)
        {
            var page = await store.StaleAsync(current, after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var reviewId in page)
            {
                after = reviewId;
                try
                {
                    stored += await writer.WriteAsync(reviewId, cancellationToken) == StoredAnswersOutcome.Stored ? 1 : 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    logger.LogWarning("Backfill: the answers of review {ReviewId} could not be stored: {Reason}", reviewId, ex.Message);
                }
            }
        }

        if (stored > 0 || failed > 0)
        {
            logger.LogInformation("Answer backfill stored the answers of {ReviewsStored} reviews; {ReviewsFailed} failed and wait for the next pass", stored, failed);
        }

        return stored;
    }
}
