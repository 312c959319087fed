using System.Globalization;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Applies migrations/NNNN_name.sql (embedded as ReviewBot.Migrations.*) in name order with DbUp,
/// all pending scripts in one transaction, recorded in DbUp's SchemaVersions journal.
/// </summary>
public sealed class DatabaseMigrator(SqliteConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    internal const string ResourcePrefix = "ReviewBot.Migrations.";

    /// <summary>Returns the names of the scripts applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
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
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));
        }

        return applied;
    }

    /// <summary>
    /// The scripts not applied yet, for a readiness check: empty once migrated. Reading DbUp's journal
    /// opens the database, so a failure here also means it cannot be reached.
    /// </summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        var upgrader = Upgrader();
        var pending = await Task.Run(upgrader.GetScriptsToExecute, cancellationToken);
        return pending.Select(s => s.Name.Substring(ResourcePrefix.Length)).ToList();
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

        public void LogWarning(string format, params object[] args) => Log(LogLevel.Warning, null, format, args);

        public void LogError(string format, params object[] args) => Log(LogLevel.Error, null, format, args);

        public void LogError(Exception ex, string format, params object[] args) => Log(LogLevel.Error, ex, format, args);

        private void Log(LogLevel level, Exception? exception, string format, object[] args)
        {
            if (logger.IsEnabled(level))
            {
                logger.Log(level, exception, "DbUp: {Message}", string.Format(CultureInfo.InvariantCulture, format, args));
            }
        }
    }
}
