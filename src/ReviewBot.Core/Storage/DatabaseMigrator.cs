using System.Globalization;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Applies migrations/NNNN_name.sql (embedded as ReviewBot.Migrations.*) in name order with DbUp,
/// all pending scripts in one transaction, recorded in DbUp's SchemaVersions journal. A PostgreSQL
/// database gets migrations/postgresql/ instead (<see cref="PostgreSqlMigrator"/>).
/// </summary>
public sealed class DatabaseMigrator(SqliteConnectionFactory connections, ReviewDatabase database, ILogger<DatabaseMigrator> logger)
{
    internal const string ResourcePrefix = "ReviewBot.Migrations.";

    /// <summary>How many of a foreign database's tables the refusal names.</summary>
    private const int ForeignTablesNamed = 3;

    /// <summary>
    /// Returns the names of the scripts applied by this call (empty when up to date). When the journal
    /// already lists every script, nothing is written and no write lock is taken: read-only commands
    /// call this before every run, and must work on a read-only file and while another process writes.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.PostgreSql)
        {
            var migrated = await PostgreSqlMigrator.MigrateAsync(database.ConnectionString, new DbUpLog(logger), cancellationToken);
            LogApplied(migrated);
            return migrated;
        }

        // SQLite: a read-only look at the journal first, so a verb that finds nothing pending takes no
        // write lock (another process may be writing; the file may be read-only).
        if ((await PendingAsync(cancellationToken)).Count == 0)
        {
            return [];
        }

        // WAL is a property of the database file, not the connection, and cannot change inside a
        // transaction, so it is set here once, before DbUp opens its transaction.
        await using (var connection = await connections.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var upgrader = Upgrader();

        // DbUp is synchronous; migrations run once at start, so blocking a pool thread is fine.
        var result = await Task.Run(upgrader.PerformUpgrade, cancellationToken);
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error);
        }

        var applied = result.Scripts.Select(s => s.Name.Substring(ResourcePrefix.Length)).ToList();
        LogApplied(applied);
        return applied;
    }

    private void LogApplied(IReadOnlyList<string> applied)
    {
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));
        }
    }

    /// <summary>
    /// The scripts the database's journal does not list yet: empty once migrated, which the readiness
    /// check relies on. Throws <see cref="NewerDatabaseException"/> when the journal lists scripts this
    /// build does not have, so every verb and the bot refuse a database a newer build migrated. On SQLite it is read through a read-only connection, so a verb that finds
    /// nothing pending takes no write lock; a database file that does not exist yet needs them all,
    /// and so does an in-memory one, which this check cannot see (each connection gets its own).
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.PostgreSql)
        {
            return await PostgreSqlMigrator.PendingAsync(database.ConnectionString, new DbUpLog(logger), cancellationToken);
        }

        var scripts = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var file = connections.DatabaseFile;
        if (file is null || !File.Exists(file))
        {
            return Names(scripts);
        }

        await using var connection = await connections.OpenReadOnlyAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'SchemaVersions'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            // No journal: a new (or empty) file needs every script. A file with tables but no journal
            // is another program's database; migrating it would add ReviewBot's tables to its data.
            command.CommandText = $"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT {ForeignTablesNamed + 1}";
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            if (tables.Count > 0)
            {
                throw new ForeignDatabaseException(tables.Count > ForeignTablesNamed ? [.. tables.Take(ForeignTablesNamed), "…"] : tables);
            }

            return Names(scripts);
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        command.CommandText = "SELECT ScriptName FROM SchemaVersions";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        // A journal entry this build does not ship is a newer build's migration: refuse the database
        // before anything reads or writes tables whose shape this build does not know.
        var unknown = Names(applied.Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && !scripts.Contains(name)).Order(StringComparer.Ordinal));
        if (unknown.Count > 0)
        {
            throw new NewerDatabaseException(unknown);
        }

        return Names(scripts.Where(s => !applied.Contains(s)));

        static List<string> Names(IEnumerable<string> resources) => resources.Select(s => s[ResourcePrefix.Length..]).ToList();
    }

    private DbUp.Engine.UpgradeEngine Upgrader() => DeployChanges.To
        .SqliteDatabase(connections.ConnectionString)
        .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .WithTransaction()
        .LogTo(new DbUpLog(logger))
        .Build();

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Log(LogLevel.Trace, null, format, args);

        public void LogDebug(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        // DbUp narrates every step at Information; that is Debug for us.
        public void LogInformation(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        // DbUp warns and errs only on its way to a failed upgrade, which MigrateAsync throws with the
        // cause and every caller reports as one line (a verb's, or "The bot could not start"). At
        // their own levels these would put DbUp's account first: half a dozen entries, each with its
        // stack trace, on the operator's console. The details stay in the debug log.
        public void LogWarning(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        public void LogError(string format, params object[] args) => Log(LogLevel.Debug, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Debug, ex, format, args);

        private void Log(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                logger.Log(level, exception, "DbUp: {Message}", string.Format(CultureInfo.InvariantCulture, format, args));
            }
        }
    }
}
