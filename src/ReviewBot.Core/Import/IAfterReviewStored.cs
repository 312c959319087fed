namespace ReviewBot.Core.Import;

/// <summary>
/// Work done once a review version is stored and its chart drawn, after the import's transaction
/// committed: what it derives from the review (answers rendered in advance) must not hold up or roll
/// back the review. It must not throw: whatever it fails to do is its own backfill's to catch up.
/// Registered by the host; they run in registration order.
/// </summary>
public interface IAfterReviewStored
{
    Task AfterStoredAsync(long reviewId, CancellationToken cancellationToken);
}
