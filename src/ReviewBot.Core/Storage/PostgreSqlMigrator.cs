using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Applies migrations/postgresql/NNNN_name.sql (embedded as ReviewBot.PostgreSqlMigrations.*) in name
/// order with DbUp, all pending scripts in one transaction, journalled in public.schemaversions.
/// Several processes may start at once against one server: a session advisory lock lets one migrate
/// while the others wait, and they then find nothing pending.
/// </summary>
internal static class PostgreSqlMigrator
{
    internal const string ResourcePrefix = "ReviewBot.PostgreSqlMigrations.";

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IUpgradeLog log, CancellationToken cancellationToken)
    {
        // Not from the pool: a pooled connection outlives its Close, and the session lock with it.
        await using var guard = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await guard.OpenAsync(cancellationToken);
        // Waits for as long as another process's migration takes, not the connection string's command
        // timeout: a process started beside a long migration would stop at start, blaming the server.
        // The token (the host stopping) bounds it.
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@app, @purpose)", guard) { CommandTimeout = 0 })
        {
            take.Parameters.AddWithValue("app", AdvisoryLockKeys.Application);
            take.Parameters.AddWithValue("purpose", AdvisoryLockKeys.Migrations);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        // The lock is the session's: closing the unpooled guard connection (also when this throws) ends the session and releases it.
        var upgrader = Upgrader(connectionString, log);
        await Task.Run(() => RefuseNewer(upgrader), cancellationToken);

        var result = await Task.Run(upgrader.PerformUpgrade, cancellationToken);
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {result.Error?.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name.Substring(ResourcePrefix.Length)).ToList();
    }

    /// <summary>The scripts the journal does not list yet (the readiness check); takes no lock, writes nothing. Refuses a database a newer build migrated, as <see cref="MigrateAsync"/> does.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(string connectionString, IUpgradeLog log, CancellationToken cancellationToken)
    {
        var upgrader = Upgrader(connectionString, log);
        var pending = await Task.Run(
            () =>
            {
                RefuseNewer(upgrader);
                return upgrader.GetScriptsToExecute();
            },
            cancellationToken);
        return pending.Select(s => s.Name.Substring(ResourcePrefix.Length)).ToList();
    }

    /// <summary>Throws <see cref="NewerDatabaseException"/> when the journal lists scripts this build does not ship (a newer build migrated the database).</summary>
    private static void RefuseNewer(DbUp.Engine.UpgradeEngine upgrader)
    {
        var unknown = upgrader.GetExecutedButNotDiscoveredScripts()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => name[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new NewerDatabaseException(unknown);
        }
    }

    private static DbUp.Engine.UpgradeEngine Upgrader(string connectionString, IUpgradeLog log) => DeployChanges.To
        .PostgresqlDatabase(connectionString)
        .WithScriptsEmbeddedInAssembly(typeof(PostgreSqlMigrator).Assembly, name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .WithTransaction()
        // A step runs as long as it takes (0: no timeout), not for the connection string's command timeout
        // (30 s unless set): an upgrade that rewrites a large table, or waits for a lock another session
        // holds, would fail at every start, and a service restarted on failure would never come up. What
        // bounds a step is the service manager's start timeout (TimeoutStartSec in the shipped unit).
        .WithExecutionTimeout(TimeSpan.Zero)
        .LogTo(log)
        .Build();
}
