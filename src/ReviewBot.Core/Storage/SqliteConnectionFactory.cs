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
/// commits on nearly every /review and /episode (the channel's context), so that sync would be most
/// of the bot's own time per command (README, Performance). After a power cut, a rolled-back announcement mark
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

    private const int CantOpen = 14; // SQLITE_CANTOPEN

    private const string DefaultTimeoutKeyword = "Default Timeout";

    // Read on first use, not in the constructor, so invalid settings surface where the CLI and the
    // host report them (as a configuration error), not while the container is wiring services.
    private readonly Lazy<string> _connectionString = new(() => Prepare(options.Value.ConnectionString));

    // PRAGMAs take no parameters; the values are our constants and a validated whole number, never text.
    private readonly Lazy<string> _cacheSize = new(() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" PRAGMA cache_size = -{options.Value.EffectiveSqliteCacheSizeKiB};"));

    // The answer-reading connections' own: unpooled (made from ConnectionString on first use), and mapping the file as configured.
    private string? _unpooled;
    private readonly Lazy<string> _mapSize = new(() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $" PRAGMA mmap_size = {options.Value.EffectiveSqliteMapSizeMiB * 1024L * 1024L};"));

    public string ConnectionString => _connectionString.Value;

    /// <summary>
    /// The database file's full path, for messages and the read-only journal check; null for an
    /// in-memory database, a <c>file:</c> URI, or a connection string that cannot be read.
    /// </summary>
    public string? DatabaseFile => DatabaseFileOf(options.Value.ConnectionString);

    /// <summary>
    /// A connection that can only read (SQLITE_OPEN_READONLY): it takes no write lock and works on a
    /// read-only file, so checking whether anything needs writing never waits for a writer.
    /// </summary>
    public async Task<SqliteConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};{_cacheSize.Value}";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static string? DatabaseFileOf(string connectionString)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            var path = builder.DataSource;
            return builder.Mode == SqliteOpenMode.Memory || path.Length == 0 || path == ":memory:"
                || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? null
                : Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        OpenAsync(ConnectionString, "", cancellationToken);

    /// <summary>
    /// A connection of its own for a statement kept for the life of the process to read answers one row
    /// at a time (<see cref="KeptSqliteStatement"/>): set up as <see cref="OpenAsync(CancellationToken)"/>'s,
    /// and reading the file through a map of <see cref="StorageOptions.SqliteMapSizeMiB"/> when one is set.
    /// A first answer reads a stored answer and its chart, a dozen or more pages, each otherwise a system call and a copy.
    /// Never pooled, so the map stays with these few connections rather than going, with a pooled
    /// connection, to whichever caller takes it next (a scan would then keep what it read resident).
    /// </summary>
    public Task<SqliteConnection> OpenMappedAsync(CancellationToken cancellationToken) =>
        OpenAsync(_unpooled ??= new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString(), _mapSize.Value, cancellationToken);

    private async Task<SqliteConnection> OpenAsync(string connectionString, string morePragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;{_cacheSize.Value}{morePragmas}";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Bounds the page cache of a connection opened elsewhere (a synchronous reader) as <see cref="OpenAsync"/> does.</summary>
    public void ApplyCacheSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _cacheSize.Value;
        command.ExecuteNonQuery();
    }

    private static string Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);

        // Microsoft.Data.Sqlite retries a statement SQLite answered "busy" until the command's timeout
        // (30 s unless set), each try waiting up to the busy timeout inside SQLite: without this a
        // writer met another's lock for 30 s, not the 5 s above, per file of an import and at a CLI
        // run's exit. A timeout the connection string sets itself is the operator's to choose.
        if (!builder.ShouldSerialize(DefaultTimeoutKeyword))
        {
            builder.DefaultTimeout = BusyTimeoutMilliseconds / 1000;
        }

        var path = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || path.Length == 0 || path == ":memory:";
        if (!inMemory && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                try
                {
                    Directory.CreateDirectory(directory);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Reported like SQLite's own "cannot open": the same fix, a path that can be used.
                    throw new SqliteException($"unable to create the folder {directory}: {ex.Message}", CantOpen);
                }
            }
        }

        return builder.ToString();
    }
}
