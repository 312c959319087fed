namespace ReviewBot.Discord.Gateway.Transport;

/// <summary>Either a whole text message or the server's close (code and description).</summary>
public readonly record struct GatewayReceiveResult(ReadOnlyMemory<byte> Message, int? CloseCode, string? CloseDescription)
{
    public bool IsClose => CloseCode is not null;

    public static GatewayReceiveResult FromMessage(ReadOnlyMemory<byte> message) => new(message, null, null);

    public static GatewayReceiveResult FromClose(int? code, string? description) => new(ReadOnlyMemory<byte>.Empty, code ?? 1005, description);
}
