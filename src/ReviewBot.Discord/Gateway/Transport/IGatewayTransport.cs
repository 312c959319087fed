namespace ReviewBot.Discord.Gateway.Transport;

/// <summary>
/// The seam between the gateway state machine and the socket: one instance is one connection.
/// The real one wraps <see cref="System.Net.WebSockets.ClientWebSocket"/>; tests script one in memory.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    Task ConnectAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>Sends one whole UTF-8 JSON text message.</summary>
    Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);

    /// <summary>
    /// Receives one whole message (reassembled when it spans several frames), or the close the
    /// server sent. Throws when the connection drops without a close frame. The message's memory
    /// may be reused by the next call: read it (or copy it) before receiving again. A ValueTask,
    /// awaited once per message, so a receive that completes at once or a pooled one costs nothing.
    /// </summary>
    ValueTask<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes with <paramref name="closeCode"/>; 1000/1001 would invalidate the session (docs: Events, Gateway, "Disconnecting").</summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

/// <summary>Creates a fresh transport per connection attempt (Discord wants a NEW socket to resume).</summary>
public interface IGatewayTransportFactory
{
    IGatewayTransport Create();
}
