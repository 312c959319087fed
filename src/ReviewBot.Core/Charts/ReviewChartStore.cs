using System.Buffers;
using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Charts;

/// <summary>
/// The review_charts table: one chart per review, with the key of the scores it was drawn from
/// (<see cref="ChartKey"/>) and the content hash of the review version it was stored for. The SQL is the same for both dialects (an upsert from a SELECT, which
/// SQLite and PostgreSQL both take), so there is no per-dialect branch here.
/// </summary>
/// <param name="buffers">Where <see cref="ReadRentedAsync"/> rents its arrays; the shared pool unless a test puts in its own.</param>
public sealed class ReviewChartStore(ReviewDatabase connections, TimeProvider time, ArrayPool<byte>? buffers = null)
{
    private const string FindPngSql = "SELECT png FROM review_charts WHERE review_id = @reviewId AND scores_key = @scoresKey";

    /// <summary>The same statement for SQLite's own interface, which numbers its parameters.</summary>
    private const string FindPngSqlite = "SELECT png FROM review_charts WHERE review_id = ?1 AND scores_key = ?2";

    /// <summary>With the image's length first, so a PostgreSQL reader can rent an array of that size before streaming it.</summary>
    private const string FindPngWithLengthSql = "SELECT length(png), png FROM review_charts WHERE review_id = @reviewId AND scores_key = @scoresKey";

    private readonly ArrayPool<byte> _buffers = buffers ?? ArrayPool<byte>.Shared;

    /// <summary>The stored chart of a review if it was drawn from the scores <paramref name="scoresKey"/> names; null if none is.</summary>
    public async Task<StoredChart?> FindAsync(long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<ChartRow>(FindPngSql, new { reviewId, scoresKey, cancellationToken });
        return row is null ? null : new StoredChart(row.Png);
    }

    /// <summary>
    /// As <see cref="FindAsync"/>, with the image read into a rented array instead of one of its own:
    /// for an answer sent once and dropped, which hands the array back when it has been sent
    /// (<see cref="RentedBytes.Dispose"/>). <c>Stored</c> is false when no chart of these scores is
    /// stored; <c>Png</c> is null when none is, or the stored one says there was nothing to draw.
    /// </summary>
    public async Task<(bool Stored, RentedBytes? Png)> ReadRentedAsync(long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return connection is SqliteConnection sqlite
            ? ReadRented(sqlite, reviewId, scoresKey)
            : await ReadRentedAsync(connection, reviewId, scoresKey, cancellationToken);
    }

    /// <summary>
    /// Whether a chart of these scores is stored, without reading the image, and the content hash of
    /// the review version it is recorded for (null for a chart stored before that was recorded).
    /// </summary>
    public async Task<(bool Stored, string? DrawnFrom)> FindDrawnFromAsync(long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<DrawnFromRow>(
            "SELECT drawn_from AS DrawnFrom FROM review_charts WHERE review_id = @reviewId AND scores_key = @scoresKey",
            new { reviewId, scoresKey, cancellationToken });
        return (row is not null, row?.DrawnFrom);
    }

    /// <summary>
    /// Records that the stored chart of these scores is that of the review's version
    /// <paramref name="contentHash"/> (an edit that kept the scores). False, writing nothing, when no
    /// chart of these scores is stored or the review no longer has that content.
    /// </summary>
    public async Task<bool> ConfirmAsync(long reviewId, string contentHash, string scoresKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE review_charts SET drawn_from = @contentHash
            WHERE review_id = @reviewId AND scores_key = @scoresKey
              AND EXISTS (SELECT 1 FROM reviews WHERE id = @reviewId AND content_hash = @contentHash)
            """,
            new { reviewId, contentHash, scoresKey, cancellationToken }) > 0;
    }

    /// <summary>
    /// Stores the chart drawn from the version of a review whose content hash is <paramref name="contentHash"/>,
    /// replacing any other. Nothing is written (false) when the review is gone or no longer has that
    /// content: the save of the newer version draws its own chart, and an older drawing finishing late
    /// must not replace it. The content hash, not updated_at, names the version: two saves within one
    /// tick of the clock share an updated_at but not their content.
    /// </summary>
    public async Task<bool> SaveAsync(long reviewId, string contentHash, string scoresKey, byte[]? png, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Plain ADO.NET, not Dapper: Dapper.AOT binds a byte[] argument as a list of values (for IN
        // lists), which SQLite then refuses as a misused row value; a parameter carries it as a blob.
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            INSERT INTO review_charts (review_id, scores_key, png, drawn_at, drawn_from)
            SELECT id, @scoresKey, @png, @now, content_hash FROM reviews WHERE id = @reviewId AND content_hash = @contentHash
            ON CONFLICT (review_id) DO UPDATE
            SET scores_key = excluded.scores_key, png = excluded.png, drawn_at = excluded.drawn_at, drawn_from = excluded.drawn_from
            """;
        Add(command, "reviewId", reviewId);
        Add(command, "scoresKey", scoresKey);
        Add(command, "png", png is null ? DBNull.Value : png);
        Add(command, "now", DbTime.Format(time.GetUtcNow()));
        Add(command, "contentHash", contentHash);
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
    /// Reviews with a scored episode and no chart, or a chart recorded for another version of the
    /// review than its current one (its content hash), newest first (published, else stored), after
    /// <paramref name="after"/> in that order; the backfill walks them a page at a time.
    /// </summary>
    public async Task<IReadOnlyList<ChartlessReview>> MissingAsync(ChartlessReview? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MissingRow>(
            """
            SELECT r.id AS ReviewId, COALESCE(r.published_at, r.created_at) AS Recency
            FROM reviews r LEFT JOIN review_charts c ON c.review_id = r.id
            WHERE (c.review_id IS NULL OR c.drawn_from IS NULL OR c.drawn_from <> r.content_hash)
              AND EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.score IS NOT NULL)
              AND (@afterRecency IS NULL OR COALESCE(r.published_at, r.created_at) < @afterRecency
                   OR (COALESCE(r.published_at, r.created_at) = @afterRecency AND r.id < @afterId))
            ORDER BY COALESCE(r.published_at, r.created_at) DESC, r.id DESC
            LIMIT @limit
            """,
            new { afterRecency = after?.Recency, afterId = after?.ReviewId ?? 0, limit, cancellationToken });
        return rows.Select(r => new ChartlessReview(r.ReviewId, r.Recency)).ToList();
    }

    /// <summary>What a review's chart is drawn from: its content hash and its episodes by number, read together; null when it is gone.</summary>
    public async Task<ChartSource?> LoadSourceAsync(long reviewId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // One statement, so the hash and the episodes come from the same snapshot: read in two, a save
        // committed in between would pair one version's hash with another's scores.
        var rows = (await connection.QueryAsync<SourceRow>(
            """
            SELECT r.content_hash AS ContentHash, e.number AS Number, e.title AS Title, e.score AS Score, e.scale AS Scale
            FROM reviews r LEFT JOIN episodes e ON e.review_id = r.id
            WHERE r.id = @reviewId
            ORDER BY e.number
            """,
            new { reviewId, cancellationToken })).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        return new ChartSource(
            reviewId,
            rows[0].ContentHash,
            rows.Where(e => e.Number is not null)
                .Select(e => new EpisodeEntry((int)e.Number!.Value, e.Title ?? "", e.Score is { } s && e.Scale is { } sc ? new Score(s, sc) : null))
                .ToList());
    }

    /// <summary>
    /// SQLite through its own interface: the reader of Microsoft.Data.Sqlite copies a blob into an array
    /// of its own before it hands out any of it, while the statement's column is the blob itself, read
    /// here straight into the rented array. One step, no busy wait of its own: in WAL mode a read does
    /// not wait for writers, and the connection's busy_timeout covers the rest.
    /// </summary>
    private (bool Stored, RentedBytes? Png) ReadRented(SqliteConnection connection, long reviewId, string scoresKey)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, FindPngSqlite, out var statement);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 1, reviewId), connection);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 2, scoresKey), connection);
            rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return (false, null);
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            if (raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL)
            {
                return (true, null);
            }

            var png = raw.sqlite3_column_blob(statement, 0);
            var array = _buffers.Rent(png.Length);
            png.CopyTo(array);
            return (true, new RentedBytes(_buffers, array, png.Length));
        }
    }

    /// <summary>PostgreSQL: the row streamed (sequential access), so the image goes from the connection's buffer into the rented array.</summary>
    private async Task<(bool Stored, RentedBytes? Png)> ReadRentedAsync(DbConnection connection, long reviewId, string scoresKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = FindPngWithLengthSql;
        command.AddParameter("reviewId", DbType.Int64, reviewId);
        command.AddParameter("scoresKey", DbType.String, scoresKey);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (false, null);
        }

        if (await reader.IsDBNullAsync(0, cancellationToken))
        {
            return (true, null);
        }

        var length = checked((int)reader.GetInt64(0));
        var array = _buffers.Rent(length);
        try
        {
            await using var stream = reader.GetStream(1);
            await stream.ReadExactlyAsync(array.AsMemory(0, length), cancellationToken);
        }
        catch
        {
            _buffers.Return(array);
            throw;
        }

        return (true, new RentedBytes(_buffers, array, length));
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

    internal sealed class DrawnFromRow
    {
        public string? DrawnFrom { get; set; }
    }

    internal sealed class SourceRow
    {
        public string ContentHash { get; set; } = "";

        public long? Number { get; set; }

        public string? Title { get; set; }

        public double? Score { get; set; }

        public double? Scale { get; set; }
    }

    internal sealed class MissingRow
    {
        public long ReviewId { get; set; }

        public string Recency { get; set; } = "";
    }
}

/// <summary>A stored chart; <see cref="Png"/> is null when its review had nothing to draw.</summary>
public sealed record StoredChart(byte[]? Png);

/// <summary>A review whose chart the backfill has to draw or check; <see cref="Recency"/> orders them (newest first).</summary>
public sealed record ChartlessReview(long ReviewId, string Recency);

/// <summary>One version of a review (<see cref="ContentHash"/>, its reviews.content_hash) as its chart needs it.</summary>
public sealed record ChartSource(long ReviewId, string ContentHash, IReadOnlyList<EpisodeEntry> Episodes);
