using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <param name="Show">A slug or a title, as typed.</param>
/// <param name="ChannelKey">Where the question was asked ("cli", a Discord channel id); remembered for /episode.</param>
public sealed record ReviewRequest(string Show, int? Season, string ChannelKey);

/// <summary>/review show:&lt;slug or title&gt; [season:&lt;n&gt;].</summary>
public sealed class ReviewQuery(ShowResolver resolver, ReviewStore reviews, ChannelContextStore channels, CommunityRatingStore ratings)
{
    public async Task<ReviewAnswer> AskAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        var (show, suggestions) = await resolver.ResolveAsync(request.Show, cancellationToken);
        if (show is null)
        {
            return new ReviewAnswer.ShowNotFound(request.Show, suggestions.Select(s => new ShowRef(s.Title, s.Slug)).ToList());
        }

        await channels.SetAsync(request.ChannelKey, show.Id, cancellationToken);
        var showRef = new ShowRef(show.Title, show.Slug);
        var review = await reviews.GetForShowAsync(show.Id, request.Season, cancellationToken);
        if (review is null)
        {
            return new ReviewAnswer.SeasonNotFound(showRef, request.Season ?? 0, await reviews.GetSeasonsAsync(show.Id, cancellationToken));
        }

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

        var community = await ratings.GetAsync(review.Id, cancellationToken);
        return new ReviewAnswer.Found(new ReviewDetails(
            showRef, review.Season, review.Headline, review.Verdict, review.Summary, review.Episodes,
            average, best, worst, review.SourceUrl, review.Author, review.Published, review.Id, review.UpdatedAt, community));
    }
}
