using Microsoft.Data.Sqlite;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// A real SQLite file in its own temp folder. The schema is built by the hosts that use it, with the
/// real DatabaseMigrator (every migration), so tests see exactly what the bot runs against. Shared by
/// two hosts to test a restart.
/// </summary>
public sealed class SourcesTestDatabase : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("reviewbot-sources-db-").FullName;

    public SourcesTestDatabase()
    {
        Path = System.IO.Path.Combine(directory, "reviewbot.db");
    }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle from a parallel test may linger; the temp folder is the OS's to clean.
        }
    }
}
