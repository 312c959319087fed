namespace ReviewBot.Core.Ratings;

/// <summary>What members think of a season: the mean of their 1-10 ratings and how many there are.</summary>
public sealed record CommunityScore(double? Average, int Count)
{
    public static CommunityScore None { get; } = new(null, 0);

    /// <summary>
    /// From SQL that reads AVG as COALESCE(AVG(..), 0): Dapper maps a column by the first row's value
    /// type, and SQLite gives NULL no REAL type, so the queries never return NULL here.
    /// </summary>
    internal static CommunityScore Of(double average, long count) => count > 0 ? new(average, (int)count) : None;
}

/// <summary>A season in /top: its show, season, critic's verdict out of 10 and community score.</summary>
public sealed record RankedReview(long ReviewId, string ShowTitle, string ShowSlug, int Season, double? VerdictOutOfTen, CommunityScore Community);

/// <summary>
/// /top: the best seasons by the critic's verdict and by the community. Ties keep a stated order: by
/// verdict, then by community score; by community, then by the number of ratings.
/// </summary>
public sealed record TopReviews(IReadOnlyList<RankedReview> ByVerdict, IReadOnlyList<RankedReview> ByCommunity, int MinimumRatings);

/// <summary>A rating a member gave or took back; <see cref="ReviewExists"/> false when the review is gone.</summary>
public sealed record RatingResult(bool ReviewExists, CommunityScore Score);
