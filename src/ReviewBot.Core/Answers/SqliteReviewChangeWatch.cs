using Microsoft.Data.Sqlite;
using ReviewBot.Core.Storage;
using SQLitePCL;

namespace ReviewBot.Core.Answers;

/// <summary>
/// SQLite's side of <see cref="IReviewChangeWatch"/>, asked before a kept version is used, on a
/// connection of its own that only reads (<see cref="KeptSqliteStatement"/>). One statement reads two
/// numbers in one snapshot: the connection's <c>data_version</c>, which changes when any other
/// connection (in this process or another) has committed since it was last read, and the
/// <c>review_version_generation</c> row (migrations/0009_review_version_generation.sql), which
/// triggers move on every change to a review's version columns or its ratings. An unchanged
/// data_version means nothing changed at all; a moved one with the same generation means the commit
/// was something else (most are: the channels' show context), and the kept versions still hold; a
/// moved generation drops them all.
/// </summary>
public sealed class SqliteReviewChangeWatch(ReviewDatabase connections, ReviewVersionCache cache) : IReviewChangeWatch, IAsyncDisposable, IDisposable
{
    private const string Sql = "SELECT (SELECT data_version FROM pragma_data_version()), (SELECT generation FROM review_version_generation WHERE id = 1)";

    private readonly KeptSqliteStatement _check = new(connections, Sql);

    // Only touched inside _check's runs, which are one at a time (and, after a failure, reset to
    // "never read": a new connection counts its data_version afresh).
    private long _lastDataVersion = -1;
    private long _lastGeneration = -1;

    public async ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _check.RunAsync(this, static (connection, statement, watch) => watch.CatchUp(connection, statement), cancellationToken);
        }
        catch (SqliteException)
        {
            // A database not migrated yet, or a broken connection (dropped by the kept statement, and
            // opened again next time): vouch for nothing, and start over next time.
            cache.Clear();
            (_lastDataVersion, _lastGeneration) = (-1, -1);
            return false;
        }
    }

    public Task WatchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _check.DisposeAsync();

    public void Dispose() => _check.Dispose();

    private bool CatchUp(SqliteConnection connection, sqlite3_stmt statement)
    {
        long dataVersion, generation;
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            if (raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL)
            {
                throw new SqliteException("review_version_generation has no row; the database needs migrations/0009_review_version_generation.sql.", raw.SQLITE_ERROR);
            }

            dataVersion = raw.sqlite3_column_int64(statement, 0);
            generation = raw.sqlite3_column_int64(statement, 1);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }

        if (dataVersion == _lastDataVersion)
        {
            return true;
        }

        _lastDataVersion = dataVersion;
        if (generation != _lastGeneration)
        {
            _lastGeneration = generation;
            cache.Clear();
        }

        return true;
    }
}
