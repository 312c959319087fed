using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// The send path of one connection: serialises, checks Discord's 4096-byte frame limit (4002),
/// waits on the 120/60 s limiter, then writes with one writer at a time (a WebSocket allows one).
/// </summary>
internal sealed class GatewaySender(IGatewayTransport transport, GatewaySendLimiter limiter)
{
    public const int MaxPayloadBytes = 4096;

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task SendAsync<T>(T payload, JsonTypeInfo<T> typeInfo, bool priority, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        if (bytes.Length > MaxPayloadBytes)
        {
            throw new InvalidOperationException($"A gateway payload of {bytes.Length} bytes exceeds Discord's {MaxPayloadBytes}-byte limit.");
        }

        await limiter.WaitAsync(priority, cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await transport.SendAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
