using Microsoft.Data.Sqlite;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// A real SQLite file in a temp folder with migration 0003 applied by running its embedded text.
/// Once the foundation's migration runner is merged this should use it instead.
/// </summary>
public sealed class SourcesTestDatabase : ISourcesConnectionFactory, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("reviewbot-sources-db-").FullName;

    public SourcesTestDatabase()
    {
        Path = System.IO.Path.Combine(directory, "reviewbot.db");
        using var stream = typeof(FeedPoller).Assembly.GetManifestResourceStream("ReviewBot.Migrations.0003_sources.sql")
            ?? throw new InvalidOperationException("Embedded migration 0003_sources.sql not found.");
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd();
        using var connection = CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    // No pooling: the file is deleted when the test ends.
    public SqliteConnection CreateConnection() => new($"Data Source={Path};Pooling=False;Foreign Keys=True");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
