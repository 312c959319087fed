using Microsoft.Data.Sqlite;

namespace ReviewBot.NativeTests;

/// <summary>A temp folder a test runs the executable in, with its own SQLite database file.</summary>
public sealed class WorkFolder : IDisposable
{
    public WorkFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reviewbot-native-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "data", "reviewbot.db");

    public string SqliteConnectionString => $"Data Source={DatabasePath}";

    /// <summary>The settings every verb gets: this folder's database, unless <paramref name="connectionString"/> names another.</summary>
    public Dictionary<string, string> Settings(string? connectionString = null) => new()
    {
        ["ConnectionStrings__Reviews"] = connectionString ?? SqliteConnectionString,
    };

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp folders.
        }
    }
}
