namespace ReviewBot.Discord.Gateway;

/// <summary>
/// The gateway closed with a code after which reconnecting cannot help (4004, 4010-4014). The host
/// should stop and exit non-zero; <see cref="CloseCode"/> and the message say what to fix.
/// </summary>
public sealed class GatewayFatalException(int shardId, int closeCode, string reason)
    : Exception($"Discord gateway shard {shardId} closed with fatal code {closeCode} ({reason}); not reconnecting.")
{
    public int ShardId { get; } = shardId;

    public int CloseCode { get; } = closeCode;

    public string Reason { get; } = reason;
}
