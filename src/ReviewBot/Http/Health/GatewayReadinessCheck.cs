using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReviewBot.Discord.Gateway;

namespace ReviewBot.Http.Health;

/// <summary>Ready when every shard this process runs has received READY (or RESUMED) on its current connection.</summary>
public sealed class GatewayReadinessCheck(DiscordGateway gateway) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(gateway.GetShardStatuses()));

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
}
