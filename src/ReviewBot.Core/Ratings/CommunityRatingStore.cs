using Dapper;
using System.Data.Common;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Core.Ratings;

/// <summary>
/// Community ratings: one row per member and review (the primary key), so a member pressing twice,
/// or on two devices at once, replaces their rating instead of adding one. Each change and the score
/// read after it share one IMMEDIATE transaction: the score answered includes exactly this change.
/// </summary>
public sealed class CommunityRatingStore(ReviewDatabase connections, TimeProvider time)
{
    public const int Lowest = 1;

    public const int Highest = 10;

    /// <summary>Fewest ratings for a season to be ranked by the community in /top: one enthusiast is not a community.</summary>
    public const int MinimumRatingsForTop = 3;

    // From the review's totals (migrations/0013_review_rating_totals.sql), one row however many rated it.
    private const string ScoreSql =
        """
        SELECT CAST(COALESCE((SELECT CAST(rating_sum AS DOUBLE PRECISION) / ratings FROM review_rating_totals WHERE review_id = @review), 0) AS DOUBLE PRECISION) AS Average,
               COALESCE((SELECT ratings FROM review_rating_totals WHERE review_id = @review), 0) AS Count
        """;

    public async Task<RatingResult> RateAsync(long reviewId, ulong userId, int rating, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, Lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, Highest);
        return await ChangeAsync(reviewId, userId, rating, cancellationToken);
    }

    public Task<RatingResult> RemoveAsync(long reviewId, ulong userId, CancellationToken cancellationToken) =>
        ChangeAsync(reviewId, userId, null, cancellationToken);

    public async Task<CommunityScore> GetAsync(long reviewId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ScoreAsync(connection, null, reviewId, cancellationToken);
    }

    /// <summary>A member's own rating of a review, if any.</summary>
    public async Task<int?> GetMineAsync(long reviewId, ulong userId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(
            "SELECT rating FROM community_ratings WHERE review_id = @review AND user_id = @user",
            new { review = reviewId, user = SnowflakeColumn.ToDb(userId), cancellationToken });
    }

    /// <summary>The best <paramref name="count"/> seasons by the critic's verdict (out of 10) and by the community.</summary>
    public async Task<TopReviews> TopAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        const string Ranked =
            """
            WITH scores AS (SELECT review_id, CAST(rating_sum AS DOUBLE PRECISION) / ratings AS average, ratings FROM review_rating_totals)
            SELECT r.id AS ReviewId, s.title AS ShowTitle, s.slug AS ShowSlug, r.season AS Season,
                   CASE WHEN r.verdict_scale > 0 THEN r.verdict_score * 10.0 / r.verdict_scale ELSE -1.0 END AS Verdict,
                   COALESCE(c.average, 0.0) AS Average, COALESCE(c.ratings, 0) AS Ratings
            FROM reviews r JOIN shows s ON s.id = r.show_id LEFT JOIN scores c ON c.review_id = r.id
            """;
        var byVerdict = await connection.QueryAsync<RankedRow>(
            Ranked + """

            WHERE r.verdict_scale > 0
            ORDER BY Verdict DESC, Average DESC, COALESCE(r.published_at, r.created_at) DESC, r.id DESC
            LIMIT @count
            """,
            new { count, cancellationToken });
        var byCommunity = await connection.QueryAsync<RankedRow>(
            Ranked + """

            WHERE c.ratings >= @minimum
            ORDER BY c.average DESC, c.ratings DESC, COALESCE(r.published_at, r.created_at) DESC, r.id DESC
            LIMIT @count
            """,
            new { count, minimum = MinimumRatingsForTop, cancellationToken });
        return new TopReviews(byVerdict.Select(r => r.ToRecord()).ToList(), byCommunity.Select(r => r.ToRecord()).ToList(), MinimumRatingsForTop);
    }

    /// <summary>Sets the member's rating, or removes it when <paramref name="rating"/> is null.</summary>
    private async Task<RatingResult> ChangeAsync(long reviewId, ulong userId, int? rating, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // IMMEDIATE: take the write lock first, so concurrent presses queue on the busy timeout instead of
        // failing to upgrade a read transaction (SQLITE_BUSY) half-way.
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM reviews WHERE id = @review", new { review = reviewId, cancellationToken }, transaction);
        if (exists == 0)
        {
            return new RatingResult(false, CommunityScore.None);
        }

        // Each statement is its own call with constant SQL: Dapper.AOT generates code for SQL it can read at build time.
        var args = new { review = reviewId, user = SnowflakeColumn.ToDb(userId), rating, now = DbTime.Format(time.GetUtcNow()), cancellationToken };
        if (rating is null)
        {
            await connection.ExecuteAsync("DELETE FROM community_ratings WHERE review_id = @review AND user_id = @user", args, transaction);
        }
        else
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO community_ratings (review_id, user_id, rating, rated_at) VALUES (@review, @user, @rating, @now)
                ON CONFLICT (review_id, user_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
                """,
                args,
                transaction);
        }

        var score = await ScoreAsync(connection, transaction, reviewId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RatingResult(true, score);
    }

    private static async Task<CommunityScore> ScoreAsync(DbConnection connection, DbTransaction? transaction, long reviewId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<ScoreRow>(
            ScoreSql, new { review = reviewId, cancellationToken }, transaction);
        return CommunityScore.Of(row.Average, row.Count);
    }

    /// <summary>
    /// Settable properties rather than a constructor: Dapper builds its reader before the first row, and for
    /// an empty result SQLite reports expression columns without a type, which a constructor cannot match.
    /// No NULLs either (see <see cref="CommunityScore.Of"/>): a review without a verdict reads -1.
    /// </summary>
    internal sealed class RankedRow
    {
        public long ReviewId { get; set; }

        public string ShowTitle { get; set; } = "";

        public string ShowSlug { get; set; } = "";

        public long Season { get; set; }

        public double Verdict { get; set; }

        public double Average { get; set; }

        public long Ratings { get; set; }

        public RankedReview ToRecord() => new(ReviewId, ShowTitle, ShowSlug, (int)Season, Verdict < 0 ? null : Verdict, CommunityScore.Of(Average, Ratings));
    }

    /// <summary>Settable properties, like <see cref="RankedRow"/>, for the same reason.</summary>
    internal sealed class ScoreRow
    {
        public double Average { get; set; }

        public long Count { get; set; }
    }
}
