namespace ReviewBot.Discord.Gateway;

/// <summary>How one connection ended and what the Shard should do next.</summary>
/// <param name="Healthy">READY or RESUMED arrived and a heartbeat was acknowledged after it, so the reconnect backoff starts over.</param>
/// <param name="DelayBeforeIdentify">op 9 d=false asks for a short random wait before Identify.</param>
internal sealed record GatewayConnectionOutcome(
    GatewayCloseAction Action,
    int? CloseCode,
    string Reason,
    bool Healthy,
    TimeSpan DelayBeforeIdentify = default);
