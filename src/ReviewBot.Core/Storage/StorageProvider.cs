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
/// SQLite. Anything else, or keys the chosen provider does not know, is a configuration error whose
/// message never repeats the string itself (it may hold a password).
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

            _ = new SqliteConnectionStringBuilder(connectionString);
            return StorageProvider.Sqlite;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            error = $"ConnectionStrings:Reviews is a {(postgres ? "PostgreSQL" : "SQLite")} connection string with a setting it does not accept: {FirstLine(ex.Message)}";
            return null;
        }
    }

    /// <summary>The provider of a string already validated at start; throws with the same message otherwise.</summary>
    public static StorageProvider Of(string connectionString) =>
        Detect(connectionString, out var error) ?? throw new InvalidOperationException(error);

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
