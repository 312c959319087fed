namespace ReviewBot.Core.Ratings;

/// <summary>
/// Told when a review's community ratings changed (a member rated it, changed or removed a rating),
/// after the change is stored, on the thread that stored it: what depends on the community score can
/// bring itself up to date. It must return at once and never throw; slow work is its own to queue.
/// </summary>
public interface IRatingsChanged
{
    void RatingsChanged(long reviewId);
}
