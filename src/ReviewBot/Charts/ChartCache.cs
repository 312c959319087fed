using Microsoft.Extensions.Logging;
using ReviewBot.Caching;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Charts;

/// <summary>
/// Charts as answers and announcements read them: the PNG stored with the review (drawn when the review
/// was stored, or by the backfill), kept in memory by review and scores (<see cref="ChartKey"/>, the
/// store's own key) so a chart asked for often is read once. An answer to a member never draws: a
/// chart not stored yet is simply absent (<see cref="FindStoredAsync"/>). Background work may draw one
/// and store it. Bounded by entry count: a chart is a few tens of KB. A chart read for a member is kept
/// from its second read on (<see cref="RepeatedAsks"/>), as answers are: most reviews of a large archive
/// are asked about once in a while. Background work keeps what it reads or draws at once, since the
/// announcements it prepares read it back moments later. Past <see cref="Capacity"/> the least
/// recently used chart is dropped to make room.
/// </summary>
public sealed class ChartCache(ReviewChartStore store, ReviewCharts drawing, IReviewChartDrawer drawer, ILogger<ChartCache> logger, TimeProvider? time = null) : IDisposable
{
    public const int Capacity = 256;

    /// <summary>How many recent reads decide what a member's read keeps: a few times <see cref="Capacity"/>.</summary>
    private const int RememberedReads = 2048;

    private static readonly TimeSpan KeptWhileUnused = TimeSpan.FromHours(12);

    private readonly LeastRecentlyUsed<(long ReviewId, string ScoresKey), Kept> _cache = new(Capacity, KeptWhileUnused, time ?? TimeProvider.System);
    private readonly RepeatedAsks _read = new(RememberedReads);

    /// <summary>
    /// For answers to members: the stored chart of these scores, or null when none is stored (yet) or
    /// there is nothing to draw. Never draws.
    /// </summary>
    public ValueTask<byte[]?> FindStoredAsync(long reviewId, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken) =>
        FindStoredAsync(reviewId, episodes, keepFirstRead: false, cancellationToken);

    /// <summary>
    /// For an answer to a member, as <see cref="FindStoredAsync(long, IReadOnlyList{EpisodeEntry}, CancellationToken)"/>:
    /// the chart kept here, else read from the store. A chart read for the first time is not kept, so it
    /// is read into a rented array (<see cref="StoredChartBytes.Rented"/>) which the caller hands back
    /// once nothing reads it any more; one read before is kept, in an array of its own.
    /// </summary>
    public async ValueTask<StoredChartBytes> FindForAnswerAsync(long reviewId, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        if (reviewId <= 0 || EpisodeScores.Average(episodes) is null)
        {
            return default;
        }

        var key = (reviewId, ChartKey.Of(episodes));
        if (_cache.TryGet(key, out var kept))
        {
            return new StoredChartBytes(kept.Png, null);
        }

        var (stored, png) = await store.ReadRentedAsync(reviewId, key.Item2, cancellationToken);
        if (!stored)
        {
            return default;
        }

        if (!_read.AskedBefore(RepeatedAsks.Fingerprint(reviewId, key.GetHashCode())))
        {
            return new StoredChartBytes(null, png);
        }

        // Kept from now on: the cache holds an array of its own, and the rented one goes back at once.
        using (png)
        {
            return new StoredChartBytes(Keep(key, png?.Memory.ToArray()), null);
        }
    }

    /// <summary>
    /// For background work and the CLI: the stored chart, else drawn now and stored for the review's
    /// version <paramref name="contentHash"/> (not stored if the review has changed since).
    /// </summary>
    public async Task<byte[]?> GetOrDrawAsync(long reviewId, string? contentHash, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        if (await FindStoredAsync(reviewId, episodes, keepFirstRead: true, cancellationToken) is { } png)
        {
            return png;
        }

        if (reviewId <= 0 || contentHash is null)
        {
            return DrawUnstored(episodes);
        }

        return Keep((reviewId, ChartKey.Of(episodes)), await drawing.GetOrDrawAsync(reviewId, contentHash, episodes, cancellationToken));
    }

    private async ValueTask<byte[]?> FindStoredAsync(long reviewId, IReadOnlyList<EpisodeEntry> episodes, bool keepFirstRead, CancellationToken cancellationToken)
    {
        if (reviewId <= 0 || EpisodeScores.Average(episodes) is null)
        {
            return null;
        }

        var key = (reviewId, ChartKey.Of(episodes));
        if (_cache.TryGet(key, out var kept))
        {
            return kept.Png;
        }

        // Not kept when absent: the backfill may store it at any moment.
        if (await store.FindAsync(reviewId, key.Item2, cancellationToken) is not { } stored)
        {
            return null;
        }

        var readBefore = _read.AskedBefore(RepeatedAsks.Fingerprint(reviewId, key.GetHashCode()));
        return keepFirstRead || readBefore ? Keep(key, stored.Png) : stored.Png;
    }

    /// <summary>
    /// Before a delivery pass renders its announcements: each review's chart read from the store, or
    /// drawn and stored, so the renderer finds it here.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<AnnouncementContent> reviews, CancellationToken cancellationToken)
    {
        foreach (var review in reviews)
        {
            try
            {
                await GetOrDrawAsync(review.ReviewId, review.ContentHash, review.Episodes, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The renderer draws it in memory instead; storing it is left to the backfill.
                logger.LogWarning("The chart of review {ReviewId} could not be read or stored before announcing it: {Reason}", review.ReviewId, ex.Message);
            }
        }
    }

    /// <summary>
    /// For an announcement's renderer, which is background work: the chart kept here (see
    /// <see cref="PrepareAsync"/>), else drawn now and kept in memory, without waiting for the store.
    /// </summary>
    public byte[]? ForAnnouncement(long reviewId, IReadOnlyList<EpisodeEntry> episodes)
    {
        if (EpisodeScores.Average(episodes) is null)
        {
            return null;
        }

        var key = (reviewId, ChartKey.Of(episodes));
        return _cache.TryGet(key, out var kept) ? kept.Png : Keep(key, drawer.Draw(ChartKey.InOrder(episodes)));
    }

    /// <summary>Drawn now, neither stored nor kept: for a reader that must not write (ask --chart).</summary>
    public byte[]? DrawUnstored(IReadOnlyList<EpisodeEntry> episodes) => drawer.Draw(ChartKey.InOrder(episodes));

    public void Dispose() => _cache.Clear();

    private byte[]? Keep((long ReviewId, string ScoresKey) key, byte[]? png)
    {
        _cache.Set(key, new Kept(png));
        return png;
    }

    /// <summary>A kept lookup; <see cref="Png"/> is null when the review has nothing to draw.</summary>
    private sealed record Kept(byte[]? Png);
}

/// <summary>
/// A stored chart as an answer reads it: an array kept by <see cref="ChartCache"/> (shared, never
/// handed back), or one rented for this answer, which its holder disposes once nothing reads it; at
/// most one is set, neither when no chart is stored.
/// </summary>
public readonly record struct StoredChartBytes(byte[]? Kept, RentedBytes? Rented)
{
    /// <summary>The image, or null when there is none.</summary>
    public ReadOnlyMemory<byte>? Png => Kept is { } kept ? kept : Rented?.Memory;
}
