using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Http.Health;

/// <summary>Ready unless the oldest deliverable pending announcement has waited longer than <see cref="HttpEndpointOptions.OutboxStuckAfter"/>.</summary>
public sealed class OutboxReadinessCheck(OutboxBacklogQuery backlog, IOptions<HttpEndpointOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Evaluate(await backlog.ReadAsync(cancellationToken), options.Value.OutboxStuckAfter);

    public static HealthCheckResult Evaluate(OutboxBacklog backlog, TimeSpan stuckAfter)
    {
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["oldest_pending_seconds"] = backlog.OldestDeliverableAge is { } age ? Math.Round(age.TotalSeconds) : 0,
        };
        return backlog.OldestDeliverableAge is { } oldest && oldest > stuckAfter
            ? HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"The oldest pending announcement has waited {oldest:d\\.hh\\:mm\\:ss}, longer than Http:OutboxStuckAfter ({stuckAfter:c})."),
                data: data)
            : HealthCheckResult.Healthy($"{backlog.Pending} announcement(s) pending.", data);
    }
}
