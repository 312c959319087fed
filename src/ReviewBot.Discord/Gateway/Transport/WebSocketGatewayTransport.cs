using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Gateway.Transport;

/// <summary>
/// The real transport: a <see cref="ClientWebSocket"/> speaking JSON text messages, each read up to a
/// limit (<see cref="GatewayOptions.MaxMessageBytes"/>) and refused past it.
/// </summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly int _maxMessageBytes;
    private byte[]? _longMessage;
    private int _longMessageLength;

    public WebSocketGatewayTransport(int maxMessageBytes = GatewayOptions.DefaultMaxMessageBytes)
    {
        // A message that fits one read is never refused, so a limit below one read would not hold.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, _buffer.Length);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>
    /// How large the long-message buffer may stay once messages fit one read again. It grows to the
    /// largest message (a big server's GUILD_CREATE), and kept at that size for the connection's life
    /// it would be memory the connect's wave left behind for good.
    /// </summary>
    internal const int LongMessageKeptBytes = 64 * 1024;

    /// <summary>What the long-message buffer holds now; for tests.</summary>
    internal int LongMessageCapacity => _longMessage?.Length ?? 0;

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken) => _socket.ConnectAsync(url, cancellationToken);

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    // Pooled: the receive loop awaits one of these per message, and a box per await would be garbage per message.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        // Discord may split one payload (a big GUILD_CREATE) over several frames: read until EndOfMessage.
        // A message that fits one read (nearly all of them: an interaction is a few KB) is returned in
        // the receive buffer itself; a longer one is put together in a buffer kept for the connection.
        // Both are reused by the next receive, which the interface allows.
        var first = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return GatewayReceiveResult.FromClose((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
        }

        if (first.EndOfMessage)
        {
            // The long messages are over for now: a buffer grown past the bound goes (the last long
            // message, returned from it, was read before this receive began), and the next long
            // message starts a new one.
            if (_longMessage is { Length: > LongMessageKeptBytes })
            {
                _longMessage = null;
            }

            return GatewayReceiveResult.FromMessage(_buffer.AsMemory(0, first.Count));
        }

        _longMessageLength = 0;
        AppendToLongMessage(first.Count);
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return GatewayReceiveResult.FromClose((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
            }

            AppendToLongMessage(result.Count);
            if (result.EndOfMessage)
            {
                return GatewayReceiveResult.FromMessage(_longMessage.AsMemory(0, _longMessageLength));
            }
        }
    }

    /// <summary>
    /// Adds the last read to the long message, growing its buffer by doubling but never past
    /// <see cref="_maxMessageBytes"/>: a peer sending a message without end (or one of hundreds of MB)
    /// costs at most the limit, and the connection, not the process's memory.
    /// </summary>
    private void AppendToLongMessage(int count)
    {
        var length = _longMessageLength + count;
        if (length > _maxMessageBytes)
        {
            _longMessage = null;
            throw new GatewayMessageTooLargeException(_maxMessageBytes);
        }

        if (_longMessage is null || _longMessage.Length < length)
        {
            var doubled = Math.Max(2 * _buffer.Length, 2 * (long)(_longMessage?.Length ?? 0));
            Array.Resize(ref _longMessage, (int)Math.Min(_maxMessageBytes, Math.Max(doubled, length)));
        }

        _buffer.AsSpan(0, count).CopyTo(_longMessage.AsSpan(_longMessageLength));
        _longMessageLength = length;
    }

    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // CloseOutputAsync: we do not wait for the server's echo; a zombie server would never send it.
            await _socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class WebSocketGatewayTransportFactory(IOptions<GatewayOptions> options) : IGatewayTransportFactory
{
    public IGatewayTransport Create() => new WebSocketGatewayTransport(options.Value.MaxMessageBytes);
}
