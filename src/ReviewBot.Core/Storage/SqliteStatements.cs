using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Statements prepared once on a kept connection's own handle and run again through SQLite's C
/// interface (SQLitePCLRaw, which Microsoft.Data.Sqlite is built on): a check asked for under every
/// /review and /episode then allocates nothing, where a command would make a reader each time.
/// </summary>
internal static class SqliteStatements
{
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return statement!;
    }

    /// <summary>Throws SQLite's error for a call of its C interface that did not return SQLITE_OK (a bind).</summary>
    public static void Check(int rc, SqliteConnection connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    /// <summary>
    /// The first column of the statement's first row as a whole number, or null when it has no row.
    /// The statement is reset right after, so the connection holds no read snapshot open between runs.
    /// </summary>
    public static long? ReadInt64(SqliteConnection connection, sqlite3_stmt statement)
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            return raw.sqlite3_column_int64(statement, 0);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }
}
