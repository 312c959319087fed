using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReviewBot.Core.Storage;

/// <summary>
/// The stores' one way into the database, whichever provider <c>ConnectionStrings:Reviews</c> names:
/// SQLite through <see cref="SqliteConnectionFactory"/> (per-connection pragmas, created folder), or
/// PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. SQL that is the same for both
/// lives in the stores; what differs is chosen once per store from <see cref="Provider"/>.
/// </summary>
public sealed class ReviewDatabase : IAsyncDisposable, IDisposable
{
    private readonly Lazy<StorageProvider> _provider;
    private readonly Lazy<NpgsqlDataSource> _postgres;
    private readonly SqliteConnectionFactory _sqlite;
    private readonly IOptions<StorageOptions> _options;

    public ReviewDatabase(IOptions<StorageOptions> options, SqliteConnectionFactory sqlite)
    {
        _sqlite = sqlite;
        _options = options;
        // Read on first use, like the SQLite factory, so a bad setting is reported as a configuration error.
        _provider = new(() => StorageTarget.Of(options.Value.ConnectionString));
        _postgres = new(() => NpgsqlDataSource.Create(WithPreparedStatements(options.Value.ConnectionString)));
    }

    /// <summary>How many statements each pooled PostgreSQL connection keeps prepared, unless the connection string says.</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// The operator's connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>)
    /// unless it sets that itself: a statement run a few times on a pooled connection is then prepared
    /// there and sent as a bind and an execute, not parsed and planned again. The interaction path's reads
    /// are short statements whose planning costs more than running them. An operator behind a pooler that
    /// cannot carry prepared statements (PgBouncer in transaction mode before 1.21) sets <c>Max Auto Prepare=0</c>.
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        // Npgsql's builder answers for every keyword it knows, set or not; the plain one lists what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ConnectionString;
    }

    public StorageProvider Provider => _provider.Value;

    /// <summary>The SQLite database's file (see <see cref="SqliteConnectionFactory.DatabaseFile"/>); null on PostgreSQL or in memory.</summary>
    internal string? DatabaseFile => Provider == StorageProvider.Sqlite ? _sqlite.DatabaseFile : null;

    /// <summary>The configured string, for DbUp and for connections that must not come from the pool.</summary>
    internal string ConnectionString => Provider == StorageProvider.Sqlite ? _sqlite.ConnectionString : _options.Value.ConnectionString;

    /// <summary>
    /// A query whose result changes whenever anything was committed since it last ran, so an idle
    /// poller can skip its real query: SQLite's data_version (another connection committed), and
    /// PostgreSQL's write-ahead-log position (any commit on the server moves it; moving for other
    /// reasons only costs one extra look).
    /// </summary>
    public string ChangeMarkerSql => Provider == StorageProvider.Sqlite
        ? "PRAGMA data_version"
        : "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";

    /// <summary>
    /// Whether the store takes no writes: a SQLite file opened read-only (Mode=ReadOnly, or a file
    /// SQLite could only open for reading), or a PostgreSQL session that is (a standby, or
    /// default_transaction_read_only). Asked of the engine, which knows every way it came to be so.
    /// </summary>
    public async Task<bool> IsReadOnlyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return SQLitePCL.raw.sqlite3_db_readonly(sqlite.Handle, "main") == 1;
        }

        var setting = await ParameterlessQuery.ReadAsync(connection, "SELECT current_setting('transaction_read_only')", r => r.GetString(0), cancellationToken);
        return setting[0] == "on";
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        Provider == StorageProvider.Sqlite
            ? await _sqlite.OpenAsync(cancellationToken)
            : await _postgres.Value.OpenConnectionAsync(cancellationToken);

    /// <summary>A SQLite connection for a statement kept to read answers (<see cref="SqliteConnectionFactory.OpenMappedAsync"/>).</summary>
    internal Task<Microsoft.Data.Sqlite.SqliteConnection> OpenKeptSqliteAsync(CancellationToken cancellationToken) =>
        _sqlite.OpenMappedAsync(cancellationToken);

    /// <summary>
    /// A plain connection for synchronous readers (observable gauges, whose callbacks cannot await).
    /// A SQLite read in WAL mode never waits for a writer, so the factory's locking pragmas are not
    /// needed; its page cache bound is, since the connection goes back to the same pool.
    /// </summary>
    public DbConnection OpenForRead()
    {
        if (Provider == StorageProvider.PostgreSql)
        {
            return _postgres.Value.OpenConnection();
        }

        var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqlite.ConnectionString);
        connection.Open();
        try
        {
            _sqlite.ApplyCacheSize(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// A transaction for writers that read, decide and then write (an import: is there a show with
    /// this slug, a review for this season?). SQLite's IMMEDIATE transaction takes the single write
    /// lock at once; on PostgreSQL a transaction-scoped advisory lock gives the same one-at-a-time
    /// order, so the checks and the writes see the same tables there too.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(
                "SELECT pg_advisory_xact_lock(@app, @purpose)",
                new { app = AdvisoryLockKeys.Application, purpose = AdvisoryLockKeys.Writes, cancellationToken }, transaction);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres.IsValueCreated)
        {
            await _postgres.Value.DisposeAsync();
        }
    }

    public void Dispose()
    {
        if (_postgres.IsValueCreated)
        {
            _postgres.Value.Dispose();
        }
    }
}
