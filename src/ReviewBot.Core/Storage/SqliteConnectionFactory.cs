using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Opens a configured connection per call. Every connection gets foreign keys on, a busy timeout and
/// synchronous = NORMAL (all per-connection settings in SQLite); the database's directory is created
/// before the first open so a fresh clone needs no set-up.
/// </summary>
/// <remarks>
/// NORMAL in WAL mode (the migrator sets WAL) is SQLite's recommended pairing: the database cannot be
/// corrupted and a crash of the process loses nothing; only the last commits before a power cut or
/// an operating-system crash may roll back. FULL would sync the log on every commit, and the bot
/// commits on nearly every /review and /episode (the channel's context): that sync cost 160–600 µs
/// per command here, most of the bot's own time. After a power cut, a rolled-back announcement mark
/// is covered by the message nonce and a feed's rolled-back import is fetched again (its seen-state
/// rolls back with it); an inbox file already moved to processed/ would have to be dropped in again.
/// </remarks>
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
            command.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
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
