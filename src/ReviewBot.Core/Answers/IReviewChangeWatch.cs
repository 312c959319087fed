namespace ReviewBot.Core.Answers;

/// <summary>
/// How this database tells <see cref="ReviewVersions"/> that versions it keeps in its
/// <see cref="ReviewVersionCache"/> may no longer hold, so that an answer asked before costs no
/// database read. One implementation per dialect, chosen from <see cref="Storage.ReviewDatabase.Provider"/>:
/// SQLite asks its own file (in process, no round trip); PostgreSQL is told, through a listener.
/// </summary>
public interface IReviewChangeWatch
{
    /// <summary>
    /// Drops from the cache what may have changed since the last call; true when the versions left in
    /// it hold now, false when this watch cannot vouch for any (then nothing is reused or kept).
    /// </summary>
    ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The part that runs in the background for as long as the process answers (the host runs it):
    /// PostgreSQL's listener. Returns at once where there is none (SQLite).
    /// </summary>
    Task WatchAsync(CancellationToken cancellationToken);
}
