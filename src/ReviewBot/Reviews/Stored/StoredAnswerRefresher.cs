using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Ratings;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Brings a review's stored /review answer up to date after its community ratings changed, in the
/// background: the answer shows the community score, and one stored at the old score is never sent
/// (it is built per ask until then). A burst of ratings on one review renders it once more per pass,
/// not once per rating: a review waits in the queue at most once, so the queue is bounded by the
/// reviews rated, and the answer backfill catches whatever a stop left in it.
/// </summary>
internal sealed class StoredAnswerRefresher(StoredAnswerWriter writer, ILogger<StoredAnswerRefresher> logger) : BackgroundService, IRatingsChanged
{
    private readonly Channel<long> _changed = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    private readonly HashSet<long> _queued = [];

    public void RatingsChanged(long reviewId)
    {
        lock (_queued)
        {
            // Written under the lock, so the reader's removal and this write cannot cross.
            if (_queued.Add(reviewId))
            {
                _changed.Writer.TryWrite(reviewId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reviewId in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                // Taken off the set first: a rating told while this one renders queues the review again.
                lock (_queued)
                {
                    _queued.Remove(reviewId);
                }

                try
                {
                    var outcome = await writer.WriteReviewAsync(reviewId, stoppingToken);
                    logger.LogDebug("Answer of review {ReviewId} after its ratings changed: {StoredAnswersOutcome}", reviewId, outcome);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("The answer of review {ReviewId} was not stored again after its ratings changed ({Reason}); it is built per ask", reviewId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is built per ask after the restart.
        }
    }
}
