using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.Answers;

/// <summary>
/// The version of a show's review of a season (else of its latest season) read alone: its id, when it
/// last changed, its content hash and its community ratings' count and sum, one row and nothing of the
/// review itself. An answer stored with the version or kept from an earlier ask needs no more; only
/// one built now loads the review. On SQLite through a statement prepared once
/// (<see cref="KeptSqliteStatement"/>), so a first ask's lookup makes only the version.
/// </summary>
public sealed class ReviewVersionReader(ReviewDatabase connections) : IAsyncDisposable, IDisposable
{
    /// <summary>The ratings counted on the primary key's prefix, as ReviewStore's read for answers counts them.</summary>
    private const string Sql =
        """
        SELECT r.id, r.updated_at, r.content_hash,
               (SELECT COUNT(*) FROM community_ratings c WHERE c.review_id = r.id),
               (SELECT COALESCE(SUM(c.rating), 0) FROM community_ratings c WHERE c.review_id = r.id)
        FROM reviews r
        WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season)
        ORDER BY r.season DESC LIMIT 1
        """;

    private readonly KeptSqliteStatement _read = new(connections, Sql.Replace("@showId", "?1", StringComparison.Ordinal).Replace("@season", "?2", StringComparison.Ordinal));

    /// <summary>The version, or null when the show has no review of that season (or none at all).</summary>
    public ValueTask<ReviewVersion?> ReadAsync(long showId, int? season, CancellationToken cancellationToken) =>
        connections.Provider == StorageProvider.Sqlite
            ? _read.RunAsync((ShowId: showId, Season: season), static (connection, statement, key) => Read(connection, statement, key.ShowId, key.Season), cancellationToken)
            : ReadCommandAsync(showId, season, cancellationToken);

    public ValueTask DisposeAsync() => _read.DisposeAsync();

    public void Dispose() => _read.Dispose();

    private static ReviewVersion? Read(SqliteConnection connection, sqlite3_stmt statement, long showId, int? season)
    {
        try
        {
            SqliteStatements.Check(raw.sqlite3_bind_int64(statement, 1, showId), connection);
            SqliteStatements.Check(season is { } number ? raw.sqlite3_bind_int(statement, 2, number) : raw.sqlite3_bind_null(statement, 2), connection);
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            return new ReviewVersion(
                raw.sqlite3_column_int64(statement, 0),
                raw.sqlite3_column_text(statement, 1).utf8_to_string(),
                raw.sqlite3_column_text(statement, 2).utf8_to_string(),
                raw.sqlite3_column_int64(statement, 3),
                raw.sqlite3_column_int64(statement, 4));
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private async ValueTask<ReviewVersion?> ReadCommandAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.AddParameter("@showId", DbType.Int64, showId);
        command.AddParameter("@season", DbType.Int32, season is { } s ? s : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReviewVersion(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4))
            : null;
    }

}
