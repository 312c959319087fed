using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Opens a configured connection per call. Every connection gets foreign keys on and a busy timeout
/// (both are per-connection settings in SQLite); the database's directory is created before the
/// first open so a fresh clone needs no set-up.
/// </summary>
public sealed class SqliteConnectionFactory(IOptions<StorageOptions> options)
{
    /// <summary>
    /// How long a writer waits for another's lock (SQLite busy_timeout). Imports are short
    /// transactions, so 5 s only runs out when something is stuck, and then failing is right.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    // Read on first use, not in the constructor, so invalid settings surface where the CLI and the
    // host report them (as a configuration error), not while the container is wiring services.
    private readonly Lazy<string> _connectionString = new(() => Prepare(options.Value.ConnectionString));

    public string ConnectionString => _connectionString.Value;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // PRAGMAs take no parameters; the value is our constant, never input.
            command.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var path = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || path.Length == 0 || path == ":memory:";
        if (!inMemory && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ToString();
    }
}
