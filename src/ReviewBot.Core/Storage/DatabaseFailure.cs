using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReviewBot.Core.Storage;

/// <summary>
/// One line an operator can act on for a database that cannot be used: which file, what is wrong
/// with it and what to do. <see cref="IsConfiguration"/> says whether the fix is in the setting or
/// the file (exit code 2) rather than a wait and a retry (exit code 1).
/// </summary>
public sealed record DatabaseFailure(string Message, bool IsConfiguration)
{
    // SQLite's primary result codes (https://www.sqlite.org/rescode.html).
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    // Extended results of SQLITE_READONLY where the folder, not the file, is the cause: WAL needs its
    // -wal and -shm files beside the database even to read it.
    private const int ReadOnlyCantInit = ReadOnly | (5 << 8);
    private const int ReadOnlyDirectory = ReadOnly | (6 << 8);

    /// <summary>The failure described, or null when <paramref name="exception"/> is not about the database.</summary>
    public static DatabaseFailure? From(Exception exception, string? databaseFile)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var file = databaseFile ?? "set by ConnectionStrings:Reviews";
        if (Find<NewerDatabaseException>(exception) is { Target: { } target } newerTarget)
        {
            return new DatabaseFailure(
                $"The target, {target}, was migrated by a newer ReviewBot ({string.Join(", ", newerTarget.UnknownScripts)}, which this build does not have). Copy with that build, or name another database in --to.",
                true);
        }

        if (Find<NewerDatabaseException>(exception) is { } newer)
        {
            return new DatabaseFailure(
                $"The database {file} was migrated by a newer ReviewBot ({string.Join(", ", newer.UnknownScripts)}, which this build does not have). Run that build, or restore the backup taken before the upgrade.",
                true);
        }

        if (Find<ForeignDatabaseException>(exception) is { } foreign)
        {
            return new DatabaseFailure(
                $"The database {file} is not a ReviewBot database: it holds tables ({string.Join(", ", foreign.Tables)}) but no ReviewBot migration journal. Set ConnectionStrings:Reviews to another file (a missing file is created).",
                true);
        }

        var sqlite = Find<SqliteException>(exception);
        if (sqlite is null)
        {
            return FromPostgreSql(exception);
        }

        var reason = sqlite.Message.TrimEnd('.');
        if (sqlite.SqliteExtendedErrorCode is ReadOnlyDirectory or ReadOnlyCantInit)
        {
            var name = Path.GetFileName(file);
            return new DatabaseFailure(
                $"The database {file} cannot be used by this user: its folder is not writable, and SQLite keeps {name}-wal and {name}-shm beside the file even to read it. Run as the user that owns the folder (the bot's), make the folder writable, or set ConnectionStrings:Reviews to a copy.",
                true);
        }

        if ((sqlite.SqliteErrorCode & 0xFF) is CantOpen && databaseFile is not null && Directory.Exists(databaseFile))
        {
            // The likeliest slip of all (the service's state folder named instead of a file in it), and
            // "check that its folder exists" would send the operator checking the one thing that is right.
            return new DatabaseFailure(
                $"The database {file} is a folder, not a database file. Set ConnectionStrings:Reviews to a file in it, e.g. Data Source={Path.Combine(file, "reviewbot.db")}.",
                true);
        }

        return (sqlite.SqliteErrorCode & 0xFF) switch
        {
            Busy or Locked => new DatabaseFailure(
                $"The database {file} is locked by another process that is writing to it (a long import, or a second bot on the same file?). Try again when it has finished.",
                false),
            ReadOnly => new DatabaseFailure(
                $"The database {file} is read-only, and this command needs to write to it. Make the file and its folder writable, or set ConnectionStrings:Reviews to a writable copy.",
                true),
            CantOpen or Perm => new DatabaseFailure(
                $"The database {file} cannot be opened ({reason}). Check that its folder exists and the bot may read and write there, or set ConnectionStrings:Reviews to another path.",
                true),
            NotADatabase or Corrupt => new DatabaseFailure(
                $"The database {file} is not a ReviewBot database or is damaged ({reason}). Restore it from a backup, or set ConnectionStrings:Reviews to another file (a missing file is created).",
                true),
            Full => new DatabaseFailure($"The disk holding the database {file} is full. Free some space and try again.", false),
            IoErr => new DatabaseFailure($"The database {file} could not be read or written ({reason}). Check the disk, then try again.", false),
            _ => new DatabaseFailure($"The database {file} could not be used ({reason}).", false),
        };
    }

    /// <summary>
    /// PostgreSQL's answers that no retry can change (a database or a login that does not exist, a
    /// password it refuses) are configuration, exit 2; a server that cannot be reached may come back,
    /// exit 1. Its messages name the database or user, never the password.
    /// </summary>
    private static DatabaseFailure? FromPostgreSql(Exception exception)
    {
        if (Find<PostgresException>(exception) is { } postgres)
        {
            var reason = postgres.MessageText.TrimEnd('.');
            return postgres.SqlState switch
            {
                PostgresErrorCodes.InvalidCatalogName => new DatabaseFailure(
                    $"PostgreSQL: {reason}. Create the database, or name one that exists in the connection string (ConnectionStrings:Reviews, or migrate's --to).",
                    true),
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new DatabaseFailure(
                    $"PostgreSQL refused the login: {reason}. Check Username and Password in the connection string (ConnectionStrings:Reviews, or migrate's --to).",
                    true),
                _ => null,
            };
        }

        return Find<NpgsqlException>(exception) is { InnerException: System.Net.Sockets.SocketException or TimeoutException } unreachable
            ? new DatabaseFailure(
                $"The PostgreSQL server cannot be reached ({unreachable.Message.TrimEnd('.')}). Check that it runs, and Host and Port in the connection string; then try again.",
                false)
            : null;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
