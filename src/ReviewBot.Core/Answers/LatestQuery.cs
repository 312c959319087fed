using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

public sealed record ReviewListing(ShowRef Show, int Season, string Headline, Score? Verdict, DateTimeOffset Date, Uri? SourceUrl);

/// <summary>The most recent reviews (published time, else when they were stored).</summary>
public sealed class LatestQuery(ReviewStore reviews)
{
    public const int MaxLimit = 25;

    public async Task<IReadOnlyList<ReviewListing>> GetLatestAsync(int limit, CancellationToken cancellationToken)
    {
        var latest = await reviews.GetLatestAsync(Math.Clamp(limit, 1, MaxLimit), cancellationToken);
        return latest.Select(r => new ReviewListing(new ShowRef(r.Show.Title, r.Show.Slug), r.Season, r.Headline, r.Verdict, r.Date, r.SourceUrl)).ToList();
    }
}
