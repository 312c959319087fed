using System.Buffers;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;
using SQLitePCL;

namespace ReviewBot.Core.Answers;

/// <summary>
/// The version of a show's review of a season (else of its latest season): its id, when it last
/// changed, its content hash and its community ratings' count and sum, one row and nothing of the
/// review itself. A caller that names the answer it will send (<see cref="StoredAnswerWanted"/>) gets
/// the one stored for exactly that version in the same statement, so a first ask whose answer is
/// stored reads the database once; when stored answers cannot be read, the version is read alone.
/// On SQLite through statements prepared once (<see cref="KeptSqliteStatement"/>).
/// </summary>
/// <param name="buffers">Where a stored answer's bytes are read into; the shared pool unless a test puts in its own.</param>
public sealed class ReviewVersionReader(ReviewDatabase connections, ILogger<ReviewVersionReader> logger, ArrayPool<byte>? buffers = null) : IAsyncDisposable, IDisposable
{
    /// <summary>The community score as the review's totals hold it (one row, however many rated it), as ReviewStore's read for answers reads it.</summary>
    private const string VersionSql =
        """
        SELECT r.id, r.updated_at, r.content_hash, COALESCE(t.ratings, 0) AS ratings, COALESCE(t.rating_sum, 0) AS rating_sum
        FROM reviews r LEFT JOIN review_rating_totals t ON t.review_id = r.id
        WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season)
        ORDER BY r.season DESC LIMIT 1
        """;

    /// <summary>
    /// The version and the answer stored for it, joined on the version just read, so both come from one
    /// snapshot. An /episode answer is stored with no community score (0 and 0).
    /// </summary>
    private const string WithAnswerSql =
        $"""
        SELECT v.id, v.updated_at, v.content_hash, v.ratings, v.rating_sum,
               a.with_chart, length(a.message), length(c.png), a.message, c.png
        FROM ({VersionSql}) v
        LEFT JOIN review_answers a
          ON a.review_id = v.id AND a.episode = @episode AND a.content_hash = v.content_hash AND a.format = @format
          AND a.ratings = CASE WHEN @episode = 0 THEN v.ratings ELSE 0 END
          AND a.rating_sum = CASE WHEN @episode = 0 THEN v.rating_sum ELSE 0 END
        {StoredAnswerColumns.ChartJoin}
        """;

    /// <summary>The columns before the stored answer's.</summary>
    private const int VersionColumns = 5;

    private readonly ArrayPool<byte> _buffers = buffers ?? ArrayPool<byte>.Shared;

    // For SQLite's own interface: numbered parameters, and no lengths (a blob's comes with it). Each
    // statement opens its connection on first use, so one never used (the version alone) costs nothing.
    private readonly KeptSqliteStatement _version = new(connections, Numbered(VersionSql));
    private readonly KeptSqliteStatement _withAnswer = new(connections, Numbered(WithAnswerSql
        .Replace("a.with_chart, length(a.message), length(c.png), a.message, c.png", "a.with_chart, a.message, c.png", StringComparison.Ordinal)));

    /// <summary>
    /// The version, or null when the show has no review of that season (or none at all); with it the
    /// answer <paramref name="wanted"/> names stored for exactly that version, or null when there is none
    /// (or none was wanted). Dispose the answer when done with its bytes.
    /// </summary>
    public async ValueTask<(ReviewVersion? Version, StoredAnswerRead? Stored)> ReadAsync(
        long showId, int? season, StoredAnswerWanted? wanted, CancellationToken cancellationToken)
    {
        if (wanted is { } answer)
        {
            try
            {
                return await ReadWithAnswerAsync(showId, season, answer, cancellationToken);
            }
            catch (DbException ex)
            {
                // A stored answer is a shortcut: when it cannot be read, the version alone still can, and
                // the answer is built as if none were stored.
                logger.LogWarning("Could not read the version of show {ShowId}'s review with its stored answer; reading the version alone: {Reason}", showId, ex.Message);
            }
        }

        return (await ReadVersionAsync(showId, season, cancellationToken), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _version.DisposeAsync();
        await _withAnswer.DisposeAsync();
    }

    public void Dispose()
    {
        _version.Dispose();
        _withAnswer.Dispose();
    }

    private ValueTask<ReviewVersion?> ReadVersionAsync(long showId, int? season, CancellationToken cancellationToken) =>
        connections.Provider == StorageProvider.Sqlite
            ? _version.RunAsync((ShowId: showId, Season: season), static (connection, statement, run) => ReadVersion(connection, statement, run.ShowId, run.Season), cancellationToken)
            : ReadVersionCommandAsync(showId, season, cancellationToken);

    private ValueTask<(ReviewVersion?, StoredAnswerRead?)> ReadWithAnswerAsync(long showId, int? season, StoredAnswerWanted wanted, CancellationToken cancellationToken) =>
        connections.Provider == StorageProvider.Sqlite
            ? _withAnswer.RunAsync((Reader: this, ShowId: showId, Season: season, Wanted: wanted), static (connection, statement, run) => run.Reader.ReadWithAnswer(connection, statement, run.ShowId, run.Season, run.Wanted), cancellationToken)
            : ReadWithAnswerCommandAsync(showId, season, wanted, cancellationToken);

    private static ReviewVersion? ReadVersion(SqliteConnection connection, sqlite3_stmt statement, long showId, int? season)
    {
        try
        {
            return Step(connection, statement, showId, season) ? Version(statement) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private (ReviewVersion?, StoredAnswerRead?) ReadWithAnswer(SqliteConnection connection, sqlite3_stmt statement, long showId, int? season, StoredAnswerWanted wanted)
    {
        try
        {
            SqliteStatements.Check(raw.sqlite3_bind_int(statement, 3, wanted.Episode), connection);
            SqliteStatements.Check(raw.sqlite3_bind_text(statement, 4, wanted.Format), connection);
            return Step(connection, statement, showId, season)
                ? (Version(statement), StoredAnswerColumns.FromSqlite(statement, VersionColumns, _buffers))
                : (null, null);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>Binds the show and the season and steps: true on the version's row, false when there is none.</summary>
    private static bool Step(SqliteConnection connection, sqlite3_stmt statement, long showId, int? season)
    {
        SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 1, showId), connection);
        SqliteStatements.Check(season is { } number ? raw.sqlite3_bind_int(statement, 2, number) : raw.sqlite3_bind_null(statement, 2), connection);
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        if (rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return true;
    }

    private static ReviewVersion Version(sqlite3_stmt statement) =>
        new(
            raw.sqlite3_column_int64(statement, 0),
            raw.sqlite3_column_text(statement, 1).utf8_to_string(),
            raw.sqlite3_column_text(statement, 2).utf8_to_string(),
            raw.sqlite3_column_int64(statement, 3),
            raw.sqlite3_column_int64(statement, 4));

    private async ValueTask<ReviewVersion?> ReadVersionCommandAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, VersionSql, showId, season);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Version(reader) : null;
    }

    private async ValueTask<(ReviewVersion?, StoredAnswerRead?)> ReadWithAnswerCommandAsync(
        long showId, int? season, StoredAnswerWanted wanted, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, WithAnswerSql, showId, season);
        command.AddParameter("@episode", DbType.Int32, wanted.Episode);
        command.AddParameter("@format", DbType.String, wanted.Format);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Version(reader), await StoredAnswerColumns.FromStreamAsync(reader, VersionColumns, _buffers, cancellationToken))
            : (null, null);
    }

    private static DbCommand Command(DbConnection connection, string sql, long showId, int? season)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@showId", DbType.Int64, showId);
        command.AddParameter("@season", DbType.Int32, season is { } s ? s : DBNull.Value);
        return command;
    }

    private static ReviewVersion Version(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));

    private static string Numbered(string sql) => sql
        .Replace("@showId", "?1", StringComparison.Ordinal)
        .Replace("@season", "?2", StringComparison.Ordinal)
        .Replace("@episode", "?3", StringComparison.Ordinal)
        .Replace("@format", "?4", StringComparison.Ordinal);
}
