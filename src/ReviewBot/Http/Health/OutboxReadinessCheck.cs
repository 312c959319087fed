using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Duties;

namespace ReviewBot.Http.Health;

/// <summary>
/// Ready unless the oldest deliverable pending announcement has waited longer than
/// <see cref="HttpEndpointOptions.OutboxStuckAfter"/>, in a process whose Duties include delivery. One that
/// delivers nothing (a gateway-only process) could not unstick the outbox by restarting or leaving the load
/// balancer; made unready by it, it would stop answering members as well.
/// </summary>
public sealed class OutboxReadinessCheck(OutboxBacklogQuery backlog, IOptions<HttpEndpointOptions> options, IOptions<DutiesOptions> duties) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        duties.Value.Delivery
            ? Evaluate(await backlog.ReadAsync(cancellationToken), options.Value.OutboxStuckAfter)
            : HealthCheckResult.Healthy(
                $"Delivery is not among this process's duties (Duties: {string.Join(", ", duties.Value.Names)}); the process that delivers answers for the outbox.");

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
