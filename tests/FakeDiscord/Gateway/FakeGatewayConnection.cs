using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord.Gateway;

/// <summary>
/// One client socket on the fake gateway: a receive loop that applies Discord's rules and a send
/// loop that writes queued frames in order (with optional latency and frame splitting).
/// </summary>
internal sealed partial class FakeGatewayConnection(
    long id,
    HttpContext httpContext,
    WebSocket socket,
    FakeGatewayHub hub)
{
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<DateTimeOffset> _received = new();

    public long Id { get; } = id;

    public string Path { get; } = httpContext.Request.Path.Value ?? "";

    public int? ShardId => Session?.ShardId;

    public FakeGatewaySession? Session { get; private set; }

    private FakeDiscordOptions Options => hub.Options;

    public void Enqueue(string json) => _outgoing.Writer.TryWrite(new Outgoing(json, null, false));

    public void EnqueueClose(int code) => _outgoing.Writer.TryWrite(new Outgoing(null, code, false));

    public void EnqueueAbort() => _outgoing.Writer.TryWrite(new Outgoing(null, null, true));

    /// <summary>A text message of <paramref name="bytes"/> bytes in 64 KiB frames; without <paramref name="finish"/> its last frame never comes.</summary>
    public void EnqueueLongMessage(int bytes, bool finish) => _outgoing.Writer.TryWrite(new Outgoing(null, null, false, new LongMessage(bytes, finish)));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, httpContext.RequestAborted);
        var sending = SendLoopAsync(cts.Token);
        try
        {
            var query = httpContext.Request.Query;
            if (query["v"] != "10" || query["encoding"] != "json")
            {
                EnqueueClose(4012);
            }
            else
            {
                Enqueue(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = Options.HeartbeatIntervalMs } }.ToJsonString());
            }

            await ReceiveLoopAsync(cts.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            hub.Recorder.Record(CloseFrame(FakeGatewayDirection.FromClient, null));
        }
        finally
        {
            Session?.Detach(this);
            _outgoing.Writer.TryComplete();
            await DrainAsync(sending);
            await cts.CancelAsync();
            await sending;
        }
    }

    /// <summary>Lets queued frames (typically a close code) go out before the socket is torn down.</summary>
    private static async Task DrainAsync(Task sending)
    {
        try
        {
            await sending.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The client stopped reading; cancelling the send loop below ends it.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var message = new ArrayBufferWriter<byte>();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    hub.Recorder.Record(CloseFrame(FakeGatewayDirection.FromClient, (int?)socket.CloseStatus));
                    EnqueueClose((int?)socket.CloseStatus ?? 1000);
                    return;
                }

                message.Write(buffer.AsSpan(0, result.Count));
            }
            while (!result.EndOfMessage);

            var json = Encoding.UTF8.GetString(message.WrittenSpan);
            if (TryDecode(json, message.WrittenCount) is not { } node)
            {
                hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, FakeGatewayFrame.UndecodableOp, json));
                EnqueueClose(4002);
                return;
            }

            var op = node["op"]!.GetValue<int>();
            if (!WithinSendLimit())
            {
                hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, op, json));
                EnqueueClose(4008);
                return;
            }

            HandleClientFrame(op, node, json);
        }
    }

    /// <summary>Discord closes with 4002 on undecodable payloads and on payloads over 4096 bytes (docs: Events, Gateway, "Sending Events").</summary>
    private static JsonNode? TryDecode(string json, int byteCount)
    {
        if (byteCount > 4096)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(json);
            return node?["op"] is JsonValue op && op.TryGetValue<int>(out _) ? node : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Discord's rule (docs: Events, Gateway, "Rate Limiting"): 120 client sends per connection per 60 s.</summary>
    private bool WithinSendLimit()
    {
        var now = DateTimeOffset.UtcNow;
        _received.Enqueue(now);
        while (now - _received.Peek() >= TimeSpan.FromSeconds(60))
        {
            _received.Dequeue();
        }

        return _received.Count <= Options.GatewaySendLimit;
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                if (Options.GatewayLatency > TimeSpan.Zero)
                {
                    await Task.Delay(Options.GatewayLatency, cancellationToken);
                }

                if (item.Abort)
                {
                    hub.Recorder.Record(CloseFrame(FakeGatewayDirection.ToClient, null));
                    socket.Abort();
                    httpContext.Abort();
                    return;
                }

                if (item.Long is { } longMessage)
                {
                    hub.Recorder.Record(Frame(FakeGatewayDirection.ToClient, FakeGatewayFrame.UndecodableOp, ""));
                    await WriteLongAsync(longMessage, cancellationToken);
                    continue;
                }

                if (item.CloseCode is { } code)
                {
                    hub.Recorder.Record(CloseFrame(FakeGatewayDirection.ToClient, code));
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, "FakeDiscord", cancellationToken);
                    return;
                }

                hub.Recorder.Record(Frame(FakeGatewayDirection.ToClient, JsonNode.Parse(item.Json!)!["op"]!.GetValue<int>(), item.Json!));
                await WriteAsync(Encoding.UTF8.GetBytes(item.Json!), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away; the receive loop records that.
        }

    }

    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var chunk = Options.GatewayFrameSplitBytes ?? bytes.Length;
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += Math.Max(chunk, 1))
        {
            var length = Math.Min(Math.Max(chunk, 1), bytes.Length - offset);
            var last = offset + length >= bytes.Length;
            await socket.SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Text, last, cancellationToken);
            if (last)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Writes frames of spaces (whitespace JSON may hold anywhere); an unfinished message then holds
    /// the send loop, as a server streaming an endless message would, until the socket goes.
    /// </summary>
    private async Task WriteLongAsync(LongMessage message, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        for (var sent = 0; sent < message.Bytes;)
        {
            var length = Math.Min(chunk.Length, message.Bytes - sent);
            sent += length;
            await socket.SendAsync(chunk.AsMemory(0, length), WebSocketMessageType.Text, message.Finish && sent == message.Bytes, cancellationToken);
        }

        if (!message.Finish)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private FakeGatewayFrame Frame(FakeGatewayDirection direction, int op, string json)
    {
        var node = op == FakeGatewayFrame.UndecodableOp ? null : JsonNode.Parse(json);
        return new FakeGatewayFrame(Id, Path, ShardId, direction, op, node?["t"]?.GetValue<string>(), node?["s"]?.GetValue<int?>(), json, null);
    }

    private FakeGatewayFrame CloseFrame(FakeGatewayDirection direction, int? code) =>
        new(Id, Path, ShardId, direction, FakeGatewayFrame.CloseOp, null, null, "", code);

    private sealed record Outgoing(string? Json, int? CloseCode, bool Abort, LongMessage? Long = null);

    private sealed record LongMessage(int Bytes, bool Finish);
}
