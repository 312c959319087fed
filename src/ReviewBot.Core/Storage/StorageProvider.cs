using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReviewBot.Core.Storage;

/// <summary>The database engine behind <c>ConnectionStrings:Reviews</c>.</summary>
public enum StorageProvider
{
    /// <summary>One file, one machine: <c>Data Source=path</c>.</summary>
    Sqlite,

    /// <summary>A server several processes share: <c>Host=…;Database=…;Username=…</c>.</summary>
    PostgreSql,
}

/// <summary>
/// Chooses the provider from the connection string's keys, once: <c>Host</c> (or its Npgsql alias
/// <c>Server</c>) means PostgreSQL; <c>Data Source</c> (or <c>DataSource</c>, <c>Filename</c>) means
/// SQLite. Anything else, keys the chosen provider does not know, or a SQLite database the bot cannot
/// use (encrypted, in memory), is a configuration error whose message never repeats the string itself
/// (it may hold a password).
/// </summary>
public static class StorageTarget
{
    public const string Example = "\"Data Source=data/reviewbot.db\" (SQLite) or \"Host=db.example;Database=reviewbot;Username=reviewbot;Password=…\" (PostgreSQL)";

    private static readonly string[] PostgreSqlKeys = ["host", "server"];
    private static readonly string[] SqliteKeys = ["data source", "datasource", "filename"];

    /// <summary>The provider, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static StorageProvider? Detect(string? connectionString, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "ConnectionStrings:Reviews is empty; set it to " + Example + ".";
            return null;
        }

        DbConnectionStringBuilder generic;
        try
        {
            generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            error = "ConnectionStrings:Reviews is not a connection string (expected Key=Value pairs separated by ';'), e.g. " + Example + ".";
            return null;
        }

        var keys = generic.Keys.Cast<string>().Select(k => k.Trim().ToLowerInvariant()).ToList();
        var postgres = keys.Any(PostgreSqlKeys.Contains);
        var sqlite = keys.Any(SqliteKeys.Contains);
        if (postgres == sqlite)
        {
            error = postgres
                ? "ConnectionStrings:Reviews names both a PostgreSQL Host and a SQLite Data Source; keep one: " + Example + "."
                : "ConnectionStrings:Reviews names neither a PostgreSQL Host nor a SQLite Data Source: " + Example + ".";
            return null;
        }

        try
        {
            // Each provider's own builder rejects the keys it does not know.
            if (postgres)
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
                return StorageProvider.PostgreSql;
            }

            var sqliteBuilder = new SqliteConnectionStringBuilder(connectionString);
            if (UnusableSqlite(sqliteBuilder) is { } unusable)
            {
                error = unusable;
                return null;
            }

            return StorageProvider.Sqlite;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            error = $"ConnectionStrings:Reviews is a {(postgres ? "PostgreSQL" : "SQLite")} connection string with a setting it does not accept: {Refused(generic, postgres)}";
            return null;
        }
    }

    /// <summary>
    /// Which setting the provider refused, in words that repeat no part of the string but a key the
    /// provider itself defines. The providers' own messages name any key and some values, and a password
    /// with an unquoted ';' in it is split there: its rest reads as a key of its own (Password=pa;ss=word
    /// has a key "ss"), which would put part of the password in the log.
    /// </summary>
    private static string Refused(DbConnectionStringBuilder written, bool postgres)
    {
        foreach (string key in written.Keys)
        {
            DbConnectionStringBuilder alone = postgres ? new NpgsqlConnectionStringBuilder() : new SqliteConnectionStringBuilder();
            if (!IsKnown(alone, key))
            {
                return "a key it does not know, not repeated here since it may be part of a password with a ';' in it "
                    + "(write such a password in double quotes: Password=\"…\"); check the keys against the provider's list.";
            }

            try
            {
                alone[key] = written[key];
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                return $"the value of {key.Trim()} (not repeated here).";
            }
        }

        return "a combination of its settings.";
    }

    private static bool IsKnown(DbConnectionStringBuilder builder, string key)
    {
        try
        {
            return builder.ContainsKey(key);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The provider of a string already validated at start; throws with the same message otherwise.</summary>
    public static StorageProvider Of(string connectionString) =>
        Detect(connectionString, out var error) ?? throw new InvalidOperationException(error);

    /// <summary>
    /// Settings the SQLite provider takes but the bot cannot work with, found here rather than when the
    /// first connection opens, where they would be an unexpected failure (exit 1, and a restart by
    /// systemd that fails the same way) instead of the configuration error they are.
    /// </summary>
    private static string? UnusableSqlite(SqliteConnectionStringBuilder builder)
    {
        // The bundled SQLite has no encryption: every open would fail. The password is not repeated.
        if (!string.IsNullOrEmpty(builder.Password))
        {
            return "ConnectionStrings:Reviews sets a Password, but the SQLite ReviewBot ships cannot encrypt a database; "
                + "remove the Password (protect the file with its owner and permissions instead), or use PostgreSQL.";
        }

        // Every connection to an in-memory (or nameless, temporary) database sees a database of its
        // own, so the tables the migrations create are gone before the verb reads them.
        var path = builder.DataSource.Trim();
        if (builder.Mode == SqliteOpenMode.Memory
            || path.Length == 0
            || path.Contains(":memory:", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase)))
        {
            return "ConnectionStrings:Reviews names an in-memory SQLite database, which each connection would find empty; "
                + "set Data Source to a file, e.g. " + Example + ".";
        }

        return null;
    }
}
