using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Duties;

namespace ReviewBot.Http.Health;

/// <summary>
/// Ready when every shard this process runs has received READY (or RESUMED) on its current connection.
/// A process whose Duties leave the gateway out (a delivery or sources worker) runs no shard at all, so
/// for it the gateway is not something to wait for.
/// </summary>
public sealed class GatewayReadinessCheck(DiscordGateway gateway, IOptions<DutiesOptions> duties) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(duties.Value.Gateway
            ? Evaluate(gateway.GetShardStatuses())
            : NotThisProcessDuty(duties.Value));

    public static HealthCheckResult Evaluate(IReadOnlyList<GatewayShardStatus> shards)
    {
        if (shards.Count == 0)
        {
            return HealthCheckResult.Unhealthy("The gateway has not started any shard yet.");
        }

        var data = shards.ToDictionary(s => $"shard_{s.ShardId}", s => (object)(s.IsReady ? "ready" : "not ready"));
        var waiting = shards.Where(s => !s.IsReady).Select(s => s.ShardId).ToList();
        return waiting.Count == 0
            ? HealthCheckResult.Healthy($"{shards.Count} shard(s) READY.", data)
            : HealthCheckResult.Unhealthy($"Shard(s) {string.Join(", ", waiting)} of {shards.Count} not READY.", data: data);
    }

    /// <summary>Healthy, saying why no shard is looked at: otherwise a worker process would never count as ready.</summary>
    public static HealthCheckResult NotThisProcessDuty(DutiesOptions duties) =>
        HealthCheckResult.Healthy($"The gateway is not among this process's duties (Duties: {string.Join(", ", duties.Names)}); no shard runs here.");
}
