using System.Diagnostics.Metrics;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// The gateway's shards as instruments on the meter "ReviewBot.Discord", read from
/// <see cref="DiscordGateway.GetShardStatuses"/> whenever a collector asks:
/// reviewbot.gateway.shard.ready (1 or 0), reviewbot.gateway.reconnects and
/// reviewbot.gateway.heartbeat.latency, each tagged with its shard.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "ReviewBot.Discord";

    public GatewayMetrics(IMeterFactory meters, DiscordGateway gateway)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(
            "reviewbot.gateway.shard.ready",
            () => gateway.GetShardStatuses().Select(s => new Measurement<int>(s.IsReady ? 1 : 0, Shard(s))),
            unit: "{shard}",
            description: "1 while the shard's current connection has received READY or RESUMED, else 0.");
        meter.CreateObservableCounter(
            "reviewbot.gateway.reconnects",
            () => gateway.GetShardStatuses().Select(s => new Measurement<long>(s.Reconnects, Shard(s))),
            unit: "{reconnect}",
            description: "Connections of a shard after its first, resumes and new sessions alike.");
        meter.CreateObservableGauge(
            "reviewbot.gateway.heartbeat.latency",
            () => gateway.GetShardStatuses().Where(s => s.HeartbeatLatency is not null).Select(s => new Measurement<double>(s.HeartbeatLatency!.Value.TotalSeconds, Shard(s))),
            unit: "s",
            description: "Time from the shard's last heartbeat to its ACK.");
    }

    private static KeyValuePair<string, object?> Shard(GatewayShardStatus status) => new("shard", status.ShardId);
}
