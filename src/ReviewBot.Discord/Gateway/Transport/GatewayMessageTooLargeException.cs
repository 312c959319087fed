namespace ReviewBot.Discord.Gateway.Transport;

/// <summary>A gateway message ran past <see cref="GatewayOptions.MaxMessageBytes"/>; the rest of it was not read.</summary>
public sealed class GatewayMessageTooLargeException(int limitBytes)
    : IOException($"A gateway message ran past {limitBytes} bytes (GatewayOptions.MaxMessageBytes); the rest of it was not read.")
{
    public int LimitBytes { get; } = limitBytes;
}
