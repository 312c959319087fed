using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// What a /review or /episode answer shows, named without loading it: the review's row (every edit
/// writes a new <c>updated_at</c> and, when the text changed, a new content hash) and its community
/// ratings (their count and sum; the average shown follows from them). Two lookups with equal
/// versions show the same thing, so a finished answer can be reused until the version changes.
/// </summary>
public sealed record ReviewVersion(long ReviewId, string UpdatedAt, string ContentHash, long Ratings, long RatingSum)
{
    /// <summary>True when <paramref name="review"/> was loaded at this version (the same row and the same community score).</summary>
    public bool Matches(ReviewDetails review) =>
        review.ReviewId == ReviewId
        && review.UpdatedAt == DbTime.Parse(UpdatedAt)
        && (review.Community?.Count ?? 0) == Ratings
        && (Ratings == 0 || Math.Abs(review.Community!.Average!.Value * Ratings - RatingSum) < 0.001);
}

/// <summary>Reads <see cref="ReviewVersion"/>s: one small indexed read per question, in place of the whole review.</summary>
public sealed class ReviewVersions(ReviewDatabase connections)
{
    /// <summary>The version of a show's review of the given season, else of its latest season; null when there is none.</summary>
    public async Task<ReviewVersion?> GetAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<VersionRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.updated_at AS UpdatedAt, r.content_hash AS ContentHash,
                   (SELECT COUNT(*) FROM community_ratings c WHERE c.review_id = r.id) AS Ratings,
                   (SELECT COALESCE(SUM(c.rating), 0) FROM community_ratings c WHERE c.review_id = r.id) AS RatingSum
            FROM reviews r WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season) ORDER BY r.season DESC LIMIT 1
            """,
            new { showId, season }, cancellationToken: cancellationToken));
        return row is null ? null : new ReviewVersion(row.Id, row.UpdatedAt, row.ContentHash, row.Ratings, row.RatingSum);
    }

    private sealed class VersionRow
    {
        public long Id { get; set; }

        public string UpdatedAt { get; set; } = "";

        public string ContentHash { get; set; } = "";

        public long Ratings { get; set; }

        public long RatingSum { get; set; }
    }
}
