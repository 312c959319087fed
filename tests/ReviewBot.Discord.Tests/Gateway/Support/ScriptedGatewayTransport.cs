using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ReviewBot.Discord.Gateway.Transport;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>An in-memory gateway connection: the test plays Discord, line by line.</summary>
internal sealed class ScriptedGatewayTransport : IGatewayTransport
{
    private readonly Channel<Func<GatewayReceiveResult>> _inbound = Channel.CreateUnbounded<Func<GatewayReceiveResult>>();
    private readonly Channel<JsonNode> _sent = Channel.CreateUnbounded<JsonNode>();
    private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri? Url { get; private set; }

    private readonly List<JsonNode> _sentLog = [];

    /// <summary>A snapshot of everything the client sent so far.</summary>
    public IReadOnlyList<JsonNode> Sent
    {
        get { lock (_sentLog) { return _sentLog.ToList(); } }
    }

    /// <summary>The close code the client used.</summary>
    public Task<int> Closed => _closed.Task;

    /// <summary>
    /// When true, the client's close never completes until the client gives up on it (its token is
    /// cancelled) and is not echoed: a peer that has stopped reading.
    /// </summary>
    public bool CloseHangs { get; set; }

    /// <summary>When false, the client's close goes out but no close comes back (the peer vanished).</summary>
    public bool EchoesClose { get; set; } = true;

    /// <summary>Hosts whose connect fails, as a host that cannot be reached (DNS, a refused connection).</summary>
    public IReadOnlySet<string> UnreachableHosts { get; init; } = new HashSet<string>();

    private readonly TaskCompletionSource<Uri> _connecting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The URL the client connects (or tries to connect) to, once it does.</summary>
    public Task<Uri> ConnectingTo => _connecting.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        Url = url;
        _connecting.TrySetResult(url);
        return UnreachableHosts.Contains(url.Host)
            ? Task.FromException(new System.Net.WebSockets.WebSocketException($"{url.Host} cannot be reached"))
            : Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        var node = JsonNode.Parse(utf8Json.Span)!;
        lock (_sentLog)
        {
            _sentLog.Add(node);
        }

        _sent.Writer.TryWrite(node);
        return Task.CompletedTask;
    }

    public async ValueTask<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var next = await _inbound.Reader.ReadAsync(cancellationToken);
        return next();
    }

    /// <summary>Records the client's close code and, as a WebSocket peer does, answers with the same close.</summary>
    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        _closed.TrySetResult(closeCode);
        if (CloseHangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (EchoesClose)
        {
            _inbound.Writer.TryWrite(() => GatewayReceiveResult.FromClose(closeCode, "echo"));
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Receive(string json) => _inbound.Writer.TryWrite(() => GatewayReceiveResult.FromMessage(Encoding.UTF8.GetBytes(json)));

    public void Hello(int intervalMs) => Receive("{\"op\":10,\"d\":{\"heartbeat_interval\":" + intervalMs + "}}");

    public void Ready(string sessionId = "session-1", string resumeUrl = "wss://resume.test/", int sequence = 1) =>
        Receive($$"""{"op":0,"s":{{sequence}},"t":"READY","d":{"v":10,"user":{"id":"42","username":"bot"} ,"guilds":[], "session_id":"{{sessionId}}","resume_gateway_url":"{{resumeUrl}}","shard":[0,1],"application":{"id":"7"} } }""");

    public void Dispatch(string eventName, int sequence, string dataJson) =>
        Receive($$"""{"op":0,"s":{{sequence}},"t":"{{eventName}}","d":{{dataJson}}}""");

    public void CloseFromServer(int code) => _inbound.Writer.TryWrite(() => GatewayReceiveResult.FromClose(code, "scripted"));

    public void Drop() => _inbound.Writer.TryWrite(() => throw new System.Net.WebSockets.WebSocketException("dropped"));

    /// <summary>
    /// Waits (up to 10 s) until no more than <paramref name="frames"/> of the frames queued so far are
    /// left for the client to take off the connection; what it does with the last one it took (place it,
    /// or wait for room for it) is up to the client. Nothing else shows where a blocked reader stands.
    /// </summary>
    public async Task UntakenAtMostAsync(int frames)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_inbound.Reader.Count > frames)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }

    /// <summary>Next payload the client sends (in order).</summary>
    public async Task<JsonNode> NextSentAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _sent.Reader.ReadAsync(timeout.Token);
    }

    public async Task<JsonNode> NextSentAsync(GatewayOpCode op)
    {
        while (true)
        {
            var node = await NextSentAsync();
            if (node["op"]!.GetValue<int>() == (int)op)
            {
                return node;
            }
        }
    }
}

internal sealed class ScriptedTransportFactory : IGatewayTransportFactory
{
    private readonly Channel<ScriptedGatewayTransport> _created = Channel.CreateUnbounded<ScriptedGatewayTransport>();

    private int _createdCount;

    public int Created => Volatile.Read(ref _createdCount);

    /// <summary>Hosts every later connection fails to connect to.</summary>
    public HashSet<string> UnreachableHosts { get; } = [];

    public IGatewayTransport Create()
    {
        Interlocked.Increment(ref _createdCount);
        HashSet<string> unreachable;
        lock (UnreachableHosts)
        {
            unreachable = [.. UnreachableHosts];
        }

        var transport = new ScriptedGatewayTransport { UnreachableHosts = unreachable };
        _created.Writer.TryWrite(transport);
        return transport;
    }

    public async Task<ScriptedGatewayTransport> NextConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _created.Reader.ReadAsync(timeout.Token);
    }
}
