namespace ReviewBot.Discord.Gateway;

/// <summary>How one connection ended and what the Shard should do next.</summary>
/// <param name="ReachedSession">READY or RESUMED arrived, so the reconnect backoff starts over.</param>
/// <param name="DelayBeforeIdentify">op 9 d=false asks for a short random wait before Identify.</param>
internal sealed record GatewayConnectionOutcome(
    GatewayCloseAction Action,
    int? CloseCode,
    string Reason,
    bool ReachedSession,
    TimeSpan DelayBeforeIdentify = default);
