namespace ReviewBot.Discord.Gateway;

/// <summary>A Shard as the host sees it, e.g. for a status command or a health check.</summary>
/// <param name="IsReady">READY or RESUMED arrived on the current connection.</param>
/// <param name="Sequence">The last dispatch in the Shard's queues (or skipped): where a Resume would continue from. A dispatch read while every queue is full counts once it has room.</param>
/// <param name="HeartbeatLatency">Time from our last heartbeat to its ACK; null before the first ACK.</param>
/// <param name="Reconnects">Connections after the first since the shard started.</param>
public sealed record GatewayShardStatus(int ShardId, bool IsReady, string? SessionId, int? Sequence, TimeSpan? HeartbeatLatency, long Reconnects = 0);
