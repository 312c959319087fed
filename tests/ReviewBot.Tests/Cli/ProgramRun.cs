using Microsoft.Data.Sqlite;

namespace ReviewBot.Tests.Cli;

/// <summary>Runs the real program (Program.RunAsync, what Main calls) against a database in its own temp folder.</summary>
public sealed class ProgramRun : IDisposable
{
    public ProgramRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "data", "reviewbot.db");

    /// <summary>The database the program is pointed at: the SQLite file above unless a test sets another.</summary>
    public string ConnectionString { get; set; } = "";

    public Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        RunWithConnectionStringAsync(ConnectionString.Length > 0 ? ConnectionString : $"Data Source={DatabasePath}", args);

    /// <summary>The program with its own ConnectionStrings:Reviews (read-only modes, broken strings).</summary>
    public async Task<(int ExitCode, string Out, string Error)> RunWithConnectionStringAsync(string connectionString, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Program.RunAsync(
            [.. args, $"--ConnectionStrings:Reviews={connectionString}"], stdout, stderr, CancellationToken.None);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle from a parallel test may linger; the temp folder is the OS's to clean.
        }
    }
}
