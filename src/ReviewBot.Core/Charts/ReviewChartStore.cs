using System.Data.Common;
using Dapper;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Charts;

/// <summary>
/// The review_charts table: one chart per review, with the key of the scores it was drawn from
/// (<see cref="ChartKey"/>). The SQL is the same for both dialects (an upsert from a SELECT, which
/// SQLite and PostgreSQL both take), so there is no per-dialect branch here.
/// </summary>
public sealed class ReviewChartStore(ReviewDatabase connections, TimeProvider time)
{
    /// <summary>The stored chart of a review if it was drawn from the scores <paramref name="scoresKey"/> names; null if none is.</summary>
    public async Task<StoredChart?> FindAsync(long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<ChartRow>(
            "SELECT png AS Png FROM review_charts WHERE review_id = @reviewId AND scores_key = @scoresKey",
            new { reviewId, scoresKey, cancellationToken });
        return row is null ? null : new StoredChart(row.Png);
    }

    /// <summary>Whether a chart of these scores is stored, without reading the image.</summary>
    public async Task<bool> HasAsync(long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM review_charts WHERE review_id = @reviewId AND scores_key = @scoresKey",
            new { reviewId, scoresKey, cancellationToken }) > 0;
    }

    /// <summary>
    /// Stores the chart drawn from version <paramref name="version"/> of a review, replacing any other.
    /// Nothing is written (false) when the review is gone or has changed since that version: the save of
    /// the newer version draws its own chart, and an older drawing finishing late must not replace it.
    /// </summary>
    public async Task<bool> SaveAsync(long reviewId, DateTimeOffset version, string scoresKey, byte[]? png, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Plain ADO.NET, not Dapper: Dapper.AOT binds a byte[] argument as a list of values (for IN
        // lists), which SQLite then refuses as a misused row value; a parameter carries it as a blob.
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO review_charts (review_id, scores_key, png, drawn_at)
            SELECT id, @scoresKey, @png, @now FROM reviews WHERE id = @reviewId AND updated_at = @version
            ON CONFLICT (review_id) DO UPDATE SET scores_key = excluded.scores_key, png = excluded.png, drawn_at = excluded.drawn_at
            """;
        Add(command, "reviewId", reviewId);
        Add(command, "scoresKey", scoresKey);
        Add(command, "png", png is null ? DBNull.Value : png);
        Add(command, "now", DbTime.Format(time.GetUtcNow()));
        Add(command, "version", DbTime.Format(version));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// In a review's save transaction: drops its chart if it shows other scores, so a changed review
    /// never keeps a chart of its old scores, whether or not the new one gets drawn.
    /// </summary>
    public Task DropOtherScoresAsync(
        DbConnection connection, DbTransaction transaction, long reviewId, string scoresKey, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "DELETE FROM review_charts WHERE review_id = @reviewId AND scores_key <> @scoresKey",
            new { reviewId, scoresKey, cancellationToken }, transaction);

    /// <summary>
    /// Reviews with a scored episode and no chart, newest first (published, else stored), after
    /// <paramref name="after"/> in that order; the backfill walks them a page at a time.
    /// </summary>
    public async Task<IReadOnlyList<ChartlessReview>> MissingAsync(ChartlessReview? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MissingRow>(
            """
            SELECT r.id AS ReviewId, COALESCE(r.published_at, r.created_at) AS Recency
            FROM reviews r LEFT JOIN review_charts c ON c.review_id = r.id
            WHERE c.review_id IS NULL
              AND EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.score IS NOT NULL)
              AND (@afterRecency IS NULL OR COALESCE(r.published_at, r.created_at) < @afterRecency
                   OR (COALESCE(r.published_at, r.created_at) = @afterRecency AND r.id < @afterId))
            ORDER BY COALESCE(r.published_at, r.created_at) DESC, r.id DESC
            LIMIT @limit
            """,
            new { afterRecency = after?.Recency, afterId = after?.ReviewId ?? 0, limit, cancellationToken });
        return rows.Select(r => new ChartlessReview(r.ReviewId, r.Recency)).ToList();
    }

    /// <summary>What a review's chart is drawn from: its version and its episodes by number; null when it is gone.</summary>
    public async Task<ChartSource?> LoadSourceAsync(long reviewId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updatedAt = await connection.QueryFirstOrDefaultAsync<string>(
            "SELECT updated_at FROM reviews WHERE id = @reviewId", new { reviewId, cancellationToken });
        if (updatedAt is null)
        {
            return null;
        }

        var episodes = await connection.QueryAsync<ReviewStore.EpisodeRow>(
            "SELECT number AS Number, title AS Title, score AS Score, scale AS Scale FROM episodes WHERE review_id = @reviewId ORDER BY number",
            new { reviewId, cancellationToken });
        return new ChartSource(
            reviewId,
            DbTime.Parse(updatedAt),
            episodes.Select(e => new EpisodeEntry((int)e.Number, e.Title, e.Score is { } s && e.Scale is { } sc ? new Score(s, sc) : null)).ToList());
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    internal sealed class ChartRow
    {
        public byte[]? Png { get; set; }
    }

    internal sealed class MissingRow
    {
        public long ReviewId { get; set; }

        public string Recency { get; set; } = "";
    }
}

/// <summary>A stored chart; <see cref="Png"/> is null when its review had nothing to draw.</summary>
public sealed record StoredChart(byte[]? Png);

/// <summary>A review the backfill has to draw; <see cref="Recency"/> orders them (newest first).</summary>
public sealed record ChartlessReview(long ReviewId, string Recency);

/// <summary>One version of a review as its chart needs it.</summary>
public sealed record ChartSource(long ReviewId, DateTimeOffset Version, IReadOnlyList<EpisodeEntry> Episodes);
