using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.StoredAnswers;

/// <summary>
/// The review_answers table (migrations/0012_review_answers.sql): the finished answers of each review,
/// written when the review is stored and read by a first /review or /episode in place of loading and
/// rendering the review. A row is read only with everything it was built from (<see cref="StoredAnswerKey"/>),
/// so a row built from anything else is simply not found, and <see cref="StaleAsync"/> finds it to be rebuilt.
/// </summary>
/// <remarks>
/// Reads are on an interaction's path. On SQLite the read is one statement prepared once on a kept
/// connection (<see cref="KeptSqliteStatement"/>), which copies the message (and the chart) straight
/// from the statement's columns into rented arrays: a command would make a reader, and its reader
/// would copy each blob into an array of its own first. On PostgreSQL the
/// row is streamed (sequential access), so the blobs go from the connection's buffer into the rented arrays.
/// </remarks>
/// <param name="buffers">Where reads rent their arrays; the shared pool unless a test puts in its own.</param>
public sealed class StoredAnswerStore(ReviewDatabase connections, TimeProvider time, ArrayPool<byte>? buffers = null) : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The answer matching the key, and the review's chart in the same statement
    /// (<see cref="StoredAnswerColumns.ChartJoin"/>): read apart, an edit committed in between could pair
    /// one version's answer with another's chart. With the lengths first, so a PostgreSQL reader can rent
    /// arrays of those sizes before streaming the blobs.
    /// </summary>
    private const string ReadSql =
        $"""
        SELECT a.with_chart, length(a.message), length(c.png), a.message, c.png
        FROM review_answers a
        {StoredAnswerColumns.ChartJoin}
        WHERE a.review_id = @reviewId AND a.episode = @episode AND a.content_hash = @contentHash
          AND a.ratings = @ratings AND a.rating_sum = @ratingSum AND a.format = @format
        """;

    /// <summary>The same statement for SQLite's own interface, which numbers its parameters and reads a blob's length with the blob.</summary>
    private const string ReadSqlite =
        $"""
        SELECT a.with_chart, a.message, c.png
        FROM review_answers a
        {StoredAnswerColumns.ChartJoin}
        WHERE a.review_id = ?1 AND a.episode = ?2 AND a.content_hash = ?3
          AND a.ratings = ?4 AND a.rating_sum = ?5 AND a.format = ?6
        """;

    private const string UpsertSql =
        """
        INSERT INTO review_answers (review_id, episode, content_hash, ratings, rating_sum, format, with_chart, message, built_at)
        VALUES (@reviewId, @episode, @contentHash, @ratings, @ratingSum, @format, @withChart, @message, @builtAt)
        ON CONFLICT (review_id, episode) DO UPDATE
        SET content_hash = excluded.content_hash, ratings = excluded.ratings, rating_sum = excluded.rating_sum,
            format = excluded.format, with_chart = excluded.with_chart, message = excluded.message, built_at = excluded.built_at
        """;

    private const string IsCurrentSql = "SELECT 1 FROM reviews WHERE id = @reviewId AND content_hash = @contentHash";

    private readonly ArrayPool<byte> _buffers = buffers ?? ArrayPool<byte>.Shared;
    private readonly KeptSqliteStatement _read = new(connections, ReadSqlite);

    /// <summary>
    /// Replaces every stored answer of the review with <paramref name="answers"/> (the review's other
    /// rows go, episodes it no longer has among them), all in one transaction, only if the review's
    /// content hash is still <paramref name="contentHash"/>. False, writing nothing, when the review is
    /// gone or has changed: the save of the newer version builds its own answers, and answers of an
    /// older one finishing late must not replace them.
    /// </summary>
    public Task<bool> ReplaceAsync(long reviewId, string contentHash, string format, IReadOnlyList<StoredAnswer> answers, CancellationToken cancellationToken) =>
        WriteAsync(reviewId, contentHash, format, answers, replace: true, cancellationToken);

    /// <summary>Stores one answer in place of the review's stored one for its episode (a /review after the ratings changed), under the same condition as <see cref="ReplaceAsync"/>.</summary>
    public Task<bool> SaveAsync(long reviewId, string contentHash, string format, StoredAnswer answer, CancellationToken cancellationToken) =>
        WriteAsync(reviewId, contentHash, format, [answer], replace: false, cancellationToken);

    /// <summary>
    /// The stored answer built from exactly <paramref name="key"/>, its message in a rented array, and,
    /// when it attaches the chart, the review's chart drawn from the same version in another. Null when
    /// no answer of that key is stored, or it attaches a chart and no such chart is stored (an answer
    /// without the image it refers to is not the answer). Dispose the result when done with the bytes.
    /// </summary>
    public ValueTask<StoredAnswerRead?> ReadAsync(StoredAnswerKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key.ContentHash);
        ArgumentNullException.ThrowIfNull(key.Format);
        return connections.Provider == StorageProvider.Sqlite
            ? _read.RunAsync((Store: this, Key: key), static (connection, statement, run) => run.Store.Read(connection, statement, run.Key), cancellationToken)
            : ReadStreamedAsync(key, cancellationToken);
    }

    /// <summary>
    /// The reviews whose answers a backfill has to build, ascending by id after <paramref name="afterId"/>,
    /// at most <paramref name="limit"/>:
    /// <list type="bullet">
    /// <item>any answer built from another version of the review than its current one, or in another format;</item>
    /// <item>no answer stored for an episode while the review has episodes;</item>
    /// <item>no /review answer (episode 0) while one can be stored: the review has no scored episode,
    /// or the chart of its current version is stored (a /review with scores is stored only with its chart,
    /// so one whose chart is missing or could not be drawn is not listed again and again);</item>
    /// <item>a /review answer showing another community score than the review's ratings now (a rating
    /// whose refresh was lost to a stop, or made by a process that does not refresh).</item>
    /// </list>
    /// </summary>
    public async Task<IReadOnlyList<long>> StaleAsync(string format, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(
            """
            SELECT r.id FROM reviews r
            WHERE r.id > @afterId
              AND (EXISTS (SELECT 1 FROM review_answers a
                           WHERE a.review_id = r.id AND (a.content_hash <> r.content_hash OR a.format <> @format))
                   OR (NOT EXISTS (SELECT 1 FROM review_answers a WHERE a.review_id = r.id AND a.episode > 0)
                       AND EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.number > 0))
                   OR (NOT EXISTS (SELECT 1 FROM review_answers a WHERE a.review_id = r.id AND a.episode = 0)
                       AND (NOT EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.score IS NOT NULL)
                            OR EXISTS (SELECT 1 FROM review_charts c
                                       WHERE c.review_id = r.id AND c.drawn_from = r.content_hash AND c.png IS NOT NULL)))
                   OR EXISTS (SELECT 1 FROM review_answers a LEFT JOIN review_rating_totals t ON t.review_id = a.review_id
                              WHERE a.review_id = r.id AND a.episode = 0
                                AND (a.ratings <> COALESCE(t.ratings, 0) OR a.rating_sum <> COALESCE(t.rating_sum, 0))))
            ORDER BY r.id
            LIMIT @limit
            """,
            new { format, afterId, limit, cancellationToken });
        return ids.ToList();
    }

    public ValueTask DisposeAsync() => _read.DisposeAsync();

    public void Dispose() => _read.Dispose();

    private async Task<bool> WriteAsync(
        long reviewId, string contentHash, string format, IReadOnlyList<StoredAnswer> answers, bool replace, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // SQLite: an IMMEDIATE transaction takes the write lock before the check, so no save of the
        // review can come between the check and the writes. PostgreSQL: the check locks the review's
        // row (FOR SHARE) until the commit, so a save of the review waits for this transaction, and a
        // save committed before the check is seen by it.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = connection is SqliteConnection ? IsCurrentSql : IsCurrentSql + " FOR SHARE";
            check.AddParameter("reviewId", DbType.Int64, reviewId);
            check.AddParameter("contentHash", DbType.String, contentHash);
            if (await check.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
        }

        if (replace)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM review_answers WHERE review_id = @reviewId";
            delete.AddParameter("reviewId", DbType.Int64, reviewId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Plain ADO.NET, not Dapper: Dapper.AOT binds a byte[] argument as a list of values (for IN
        // lists), which SQLite then refuses as a misused row value; a parameter carries it as a blob.
        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = UpsertSql;
            upsert.AddParameter("reviewId", DbType.Int64, reviewId);
            var episode = Add(upsert, "episode", DbType.Int32);
            upsert.AddParameter("contentHash", DbType.String, contentHash);
            var ratings = Add(upsert, "ratings", DbType.Int64);
            var ratingSum = Add(upsert, "ratingSum", DbType.Int64);
            upsert.AddParameter("format", DbType.String, format);
            var withChart = Add(upsert, "withChart", DbType.Int64);
            var message = Add(upsert, "message", DbType.Binary);
            upsert.AddParameter("builtAt", DbType.String, DbTime.Format(time.GetUtcNow()));
            for (var i = 0; i < answers.Count; i++)
            {
                var answer = answers[i];
                episode.Value = answer.Episode;
                ratings.Value = answer.Ratings;
                ratingSum.Value = answer.RatingSum;
                withChart.Value = answer.WithChart ? 1L : 0L;
                message.Value = WholeArray(answer.Message);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private StoredAnswerRead? Read(SqliteConnection connection, sqlite3_stmt statement, in StoredAnswerKey key)
    {
        try
        {
            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 1, key.ReviewId), connection);
            SqliteStatements.Check(raw.sqlite3_bind_int(statement, 2, key.Episode), connection);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 3, key.ContentHash), connection);
            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 4, key.Ratings), connection);
            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 5, key.RatingSum), connection);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 6, key.Format), connection);
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            return StoredAnswerColumns.FromSqlite(statement, 0, _buffers);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private async ValueTask<StoredAnswerRead?> ReadStreamedAsync(StoredAnswerKey key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.AddParameter("reviewId", DbType.Int64, key.ReviewId);
        command.AddParameter("episode", DbType.Int32, key.Episode);
        command.AddParameter("contentHash", DbType.String, key.ContentHash);
        command.AddParameter("ratings", DbType.Int64, key.Ratings);
        command.AddParameter("ratingSum", DbType.Int64, key.RatingSum);
        command.AddParameter("format", DbType.String, key.Format);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? await StoredAnswerColumns.FromStreamAsync(reader, 0, _buffers, cancellationToken)
            : null;
    }

    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The message as the array a parameter takes: its own array when it is one whole, else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
