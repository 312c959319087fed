using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;

namespace ReviewBot.Core.Answers;

/// <summary>
/// What a /review or /episode answer shows, named without loading it: the review's row (every edit
/// writes a new <c>updated_at</c> and, when the text changed, a new content hash) and its community
/// ratings (their count and sum; the average shown follows from them). Two lookups with equal
/// versions show the same thing, so a finished answer can be reused until the version changes.
/// </summary>
public sealed record ReviewVersion(long ReviewId, string UpdatedAt, string ContentHash, long Ratings, long RatingSum)
{
    /// <summary><see cref="UpdatedAt"/> as a time (what <see cref="ReviewDetails.UpdatedAt"/> holds).</summary>
    public DateTimeOffset UpdatedAtTime => DbTime.Parse(UpdatedAt);

    /// <summary>
    /// True when <paramref name="episode"/> was loaded from this version's review (the same row, at the
    /// same change): not another review (a newer season stored after the version was read) or a later edit.
    /// </summary>
    public bool Matches(EpisodeAnswer.Found episode) =>
        episode.ReviewId == ReviewId && episode.UpdatedAt == UpdatedAtTime;

    /// <summary>True when <paramref name="review"/> was loaded at this version (the same row and the same community score).</summary>
    public bool Matches(ReviewDetails review) =>
        review.ReviewId == ReviewId
        && review.UpdatedAt == UpdatedAtTime
        && (review.Community?.Count ?? 0) == Ratings
        && (Ratings == 0 || Math.Abs(review.Community!.Average!.Value * Ratings - RatingSum) < 0.001);
}

/// <summary>
/// Reviews' versions for /review and /episode. A version read before is answered from memory
/// (<see cref="ReviewVersionCache"/>) for as long as the database's <see cref="IReviewChangeWatch"/>
/// vouches for it, so an answer asked before costs no database read. Otherwise the caller loads the
/// whole review (one command, <see cref="Reviews.ReviewStore.GetForAnswerAsync"/>), which names its
/// version too, and keeps that: a first ask reads the database once, not once
/// for the version and again for the answer.
/// </summary>
public sealed class ReviewVersions(IReviewChangeWatch watch, ReviewVersionCache cache, ReviewVersionReader reader, CoreMetrics metrics)
{
    /// <summary>Whether the watch vouched when last asked; while it does not, every lookup asks it.</summary>
    private volatile bool _vouching;

    /// <summary>
    /// The version of a show's review of the given season (else its latest): kept from before when it
    /// still holds, else read alone (<see cref="ReviewVersionReader"/>), not with the review: an answer
    /// stored with the version or kept needs nothing more, and one built loads the review then. A read
    /// brings along the stored answer <paramref name="wanted"/> names, in the same statement; a version
    /// kept from before brings none (the caller has the answer kept too, or reads it).
    /// A null version with a preloaded review that is null: there is no such review.
    /// </summary>
    public async ValueTask<VersionLookup> LookupAsync(long showId, int? season, StoredAnswerWanted? wanted, CancellationToken cancellationToken)
    {
        var found = await FindAsync(showId, season, cancellationToken);
        if (found.Version is { } kept)
        {
            return new VersionLookup(kept, null, null);
        }

        var (version, stored) = await reader.ReadAsync(showId, season, wanted, cancellationToken);
        Loaded(showId, season, version, found);
        return new VersionLookup(version, version is null ? NoReview : null, stored);
    }

    /// <summary>The same, bringing no stored answer along.</summary>
    public ValueTask<VersionLookup> LookupAsync(long showId, int? season, CancellationToken cancellationToken) =>
        LookupAsync(showId, season, wanted: null, cancellationToken);

    private static readonly PreloadedReview NoReview = new(null);

    /// <summary>The version of a show's review of the given season (else its latest) kept from before, if it still holds.</summary>
    private async ValueTask<KeptVersion> FindAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        // Read before the caller reads the database: a change told meanwhile moves it, and that read is not kept.
        var epoch = cache.Epoch;
        if (_vouching && !cache.TryGet(showId, season, out _))
        {
            // Nothing kept to vouch for, so the watch is not asked (a first ask is then one statement
            // fewer): the version read next is at least as new as any change the watch has yet to learn
            // of, and when it learns of one it drops what was kept since, at the latest on the next
            // ask that finds it (every use of a kept version asks the watch first). Only once the watch
            // has vouched: until then it has nothing to compare a change with.
            return new KeptVersion(null, epoch);
        }

        if (!await watch.CatchUpAsync(cancellationToken))
        {
            _vouching = false;
            return new KeptVersion(null, null);
        }

        _vouching = true;
        epoch = cache.Epoch;
        if (cache.TryGet(showId, season, out var kept))
        {
            metrics.VersionRead(fromMemory: true);
            return new KeptVersion(kept, epoch);
        }

        return new KeptVersion(null, epoch);
    }

    /// <summary>Keeps the version of a review read after <see cref="FindAsync"/> found none (null: no such review).</summary>
    private void Loaded(long showId, int? season, ReviewVersion? version, KeptVersion found)
    {
        metrics.VersionRead(fromMemory: false);
        if (version is not null && found.Epoch is { } epoch)
        {
            cache.Keep(showId, season, version, epoch);
        }
    }

    /// <param name="Version">The kept version; null when there is none to vouch for.</param>
    /// <param name="Epoch">The cache's epoch when it looked; null when nothing may be kept now.</param>
    private readonly record struct KeptVersion(ReviewVersion? Version, long? Epoch);
}

/// <summary>What <see cref="ReviewVersions.LookupAsync(long, int?, StoredAnswerWanted?, CancellationToken)"/> found.</summary>
/// <param name="Version">The review's version; null when there is no such review.</param>
/// <param name="Preloaded">The review as loaded to learn its version, when it was.</param>
/// <param name="Stored">The stored answer wanted, read with the version; the caller disposes it.</param>
public readonly record struct VersionLookup(ReviewVersion? Version, PreloadedReview? Preloaded, StoredAnswerRead? Stored);

/// <summary>The review a lookup loaded to learn its version (null: there is none), for the answer to use instead of loading it again.</summary>
public sealed record PreloadedReview(ReviewForAnswer? Review);
