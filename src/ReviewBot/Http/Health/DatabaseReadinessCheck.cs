using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReviewBot.Core.Storage;

namespace ReviewBot.Http.Health;

/// <summary>Ready when the database answers and every migration shipped with this build has been applied.</summary>
public sealed class DatabaseReadinessCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> pending;
        try
        {
            pending = await migrator.PendingAsync(cancellationToken);
        }
        catch (NewerDatabaseException newer)
        {
            // Reached, and refused: the same words the verbs print.
            return HealthCheckResult.Unhealthy(newer.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached: " + exception.Message);
        }

        return pending.Count == 0
            ? HealthCheckResult.Healthy("Reachable, all migrations applied.")
            : HealthCheckResult.Unhealthy(
                $"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.",
                data: new Dictionary<string, object> { ["pending_migrations"] = pending });
    }
}
