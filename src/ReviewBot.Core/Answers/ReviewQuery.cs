using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;

namespace ReviewBot.Core.Answers;

/// <param name="Show">A slug or a title, as typed.</param>
/// <param name="ChannelKey">Where the question was asked ("cli", a Discord channel id); remembered for /episode.</param>
public sealed record ReviewRequest(string Show, int? Season, string ChannelKey);

/// <summary>
/// A /review question with its show found and the version of the review it will show; answered
/// (<see cref="Answer"/>) already when no show matched.
/// </summary>
/// <param name="Version">The review's version; null when the show has no review of that season (or the version was not asked for).</param>
public sealed record ReviewLookup(ReviewRequest Request, ShowRecord? Show, ReviewVersion? Version, ReviewAnswer? Answer)
{
    /// <summary>The review as the lookup loaded it, when it had to load it to learn the version; the answer is then built from it.</summary>
    public PreloadedReview? Preloaded { get; init; }

    /// <summary>
    /// The stored answer the lookup was asked to bring, read with <see cref="Version"/> (null: none was
    /// wanted, none is stored for it, or the version was kept from before). Whoever takes the lookup disposes it, used or not.
    /// </summary>
    public StoredAnswerRead? Stored { get; init; }
}

/// <summary>/review show:&lt;slug or title&gt; [season:&lt;n&gt;].</summary>
public sealed class ReviewQuery(ShowResolver resolver, ReviewStore reviews, ChannelContextStore channels, ReviewVersions versions)
{
    public async Task<ReviewAnswer> AskAsync(ReviewRequest request, CancellationToken cancellationToken) =>
        await AnswerAsync(await LookupAsync(request, readVersion: false, wanted: null, cancellationToken), cancellationToken);

    /// <summary>
    /// Finds the show and remembers it for the channel, and reads the version of the review it will
    /// show, without loading the review: a caller that keeps finished answers needs no more.
    /// </summary>
    public ValueTask<ReviewLookup> LookupAsync(ReviewRequest request, CancellationToken cancellationToken) =>
        LookupAsync(request, readVersion: true, wanted: null, cancellationToken);

    /// <summary>The same, bringing along the stored answer <paramref name="wanted"/> names when the version is read (<see cref="ReviewLookup.Stored"/>).</summary>
    public ValueTask<ReviewLookup> LookupAsync(ReviewRequest request, StoredAnswerWanted? wanted, CancellationToken cancellationToken) =>
        LookupAsync(request, readVersion: true, wanted, cancellationToken);

    private async ValueTask<ReviewLookup> LookupAsync(ReviewRequest request, bool readVersion, StoredAnswerWanted? wanted, CancellationToken cancellationToken)
    {
        var (show, suggestions) = await resolver.ResolveAsync(request.Show, cancellationToken);
        if (show is null)
        {
            return new ReviewLookup(request, null, null, new ReviewAnswer.ShowNotFound(request.Show, suggestions.Select(s => new ShowRef(s.Title, s.Slug)).ToList()));
        }

        await channels.SetAsync(request.ChannelKey, show.Id, cancellationToken);
        if (!readVersion)
        {
            return new ReviewLookup(request, show, null, null);
        }

        var (version, preloaded, stored) = await versions.LookupAsync(show.Id, request.Season, wanted, cancellationToken);
        return new ReviewLookup(request, show, version, null) { Preloaded = preloaded, Stored = stored };
    }

    /// <summary>
    /// The whole answer: from the review the lookup loaded, if it did (at the lookup's version), else
    /// loaded now (as it is now, which may be newer than the lookup's version).
    /// </summary>
    public async Task<ReviewAnswer> AnswerAsync(ReviewLookup lookup, CancellationToken cancellationToken)
    {
        if (lookup.Answer is { } answered)
        {
            return answered;
        }

        var request = lookup.Request;
        var show = lookup.Show!;
        var showRef = new ShowRef(show.Title, show.Slug);
        // The row, its episodes and its ratings in one command: one round trip on PostgreSQL. Without
        // the article's text, which the answer does not show.
        var loaded = lookup.Preloaded is { } preloaded ? preloaded.Review : await reviews.GetForAnswerAsync(show.Id, request.Season, withBody: false, cancellationToken);
        if (loaded is null)
        {
            return new ReviewAnswer.SeasonNotFound(showRef, request.Season ?? 0, await reviews.GetSeasonsAsync(show.Id, cancellationToken));
        }

        var review = loaded.Review;
        var sameScale = EpisodeScores.OnCommonScale(review.Episodes);
        var average = EpisodeScores.Average(review.Episodes);
        IReadOnlyList<EpisodeEntry> best = [];
        IReadOnlyList<EpisodeEntry> worst = [];
        if (sameScale.Count > 0)
        {
            var max = sameScale.Max(e => e.Score!.Value);
            var min = sameScale.Min(e => e.Score!.Value);
            best = sameScale.Where(e => e.Score!.Value == max).ToList();
            worst = max == min ? [] : sameScale.Where(e => e.Score!.Value == min).ToList();
        }

        var community = CommunityScore.Of(loaded.Ratings == 0 ? 0 : (double)loaded.RatingSum / loaded.Ratings, loaded.Ratings);
        return new ReviewAnswer.Found(new ReviewDetails(
            showRef, review.Season, review.Headline, review.Verdict, review.Summary, review.Episodes,
            average, best, worst, review.SourceUrl, review.Author, review.Published, review.Id, review.UpdatedAt, community));
    }
}
