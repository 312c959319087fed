using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord.Gateway;
using Microsoft.AspNetCore.Builder;

namespace FakeDiscord;

/// <summary>
/// The gateway side of the fake: <c>/gateway</c> for fresh connections and <c>/gateway-resume</c>,
/// the resume_gateway_url READY hands out, so tests can see which one a client used.
/// </summary>
public sealed partial class FakeDiscordServer
{
    public const string GatewayPath = "/gateway";
    public const string ResumeGatewayPath = "/gateway-resume";

    private FakeGatewayHub? _gateway;

    private FakeGatewayHub Gateway => _gateway ?? throw new InvalidOperationException("The gateway is not mapped.");

    /// <summary>Every gateway frame both ways, and closes (Op -1), in order.</summary>
    public IReadOnlyList<FakeGatewayFrame> GatewayFrames => Gateway.Recorder.Frames;

    public FakeGatewayRecorder GatewayRecorder => Gateway.Recorder;

    /// <summary>True once an Identify came with the session start limit spent: Discord would have reset the token.</summary>
    public bool SessionStartLimitExceeded => Gateway.SessionStartLimitExceeded;

    public IReadOnlyList<FakeGatewaySession> GatewaySessions => Gateway.Sessions;

    /// <summary>The resume_gateway_url READY advertises.</summary>
    public Uri ResumeGatewayUrl => new UriBuilder(GatewayUrl) { Path = ResumeGatewayPath }.Uri;

    partial void MapGateway(WebApplication app)
    {
        _gateway = new FakeGatewayHub(Options, () => ResumeGatewayUrl);
        app.Map(GatewayPath, Gateway.AcceptAsync);
        app.Map(ResumeGatewayPath, Gateway.AcceptAsync);
    }

    /// <summary>Sends a Dispatch on the shard's session (kept for replay even while disconnected). Returns its sequence.</summary>
    public Task<int> DispatchAsync(string eventName, object payload, int shard = 0)
    {
        var data = payload as JsonNode ?? JsonSerializer.SerializeToNode(payload);
        var session = Gateway.SessionFor(shard);
        session.Dispatch(eventName, data);
        return Task.FromResult(session.Sequence);
    }

    /// <summary>Kills the TCP connection without a close frame.</summary>
    public Task DropGatewayConnectionAsync(int shard = 0)
    {
        Gateway.ConnectionFor(shard).EnqueueAbort();
        return Task.CompletedTask;
    }

    /// <summary>Closes the shard's socket with <paramref name="closeCode"/>.</summary>
    public Task CloseGatewayAsync(int closeCode, int shard = 0)
    {
        Gateway.ConnectionFor(shard).EnqueueClose(closeCode);
        return Task.CompletedTask;
    }

    /// <summary>op 7 Reconnect.</summary>
    public Task SendReconnectAsync(int shard = 0) => SendRawAsync("""{"op":7,"d":null}""", shard);

    /// <summary>op 9 Invalid Session; with resumable false the session is forgotten, as Discord does.</summary>
    public Task SendInvalidSessionAsync(bool resumable, int shard = 0)
    {
        var session = Gateway.SessionFor(shard);
        var connection = Gateway.ConnectionFor(shard);
        if (!resumable)
        {
            Gateway.ForgetSession(session);
        }

        connection.Enqueue(resumable ? """{"op":9,"d":true}""" : """{"op":9,"d":false}""");
        return Task.CompletedTask;
    }

    /// <summary>op 1 from the server: the client must heartbeat at once.</summary>
    public Task RequestHeartbeatAsync(int shard = 0) => SendRawAsync("""{"op":1,"d":null}""", shard);

    /// <summary>
    /// A text message of <paramref name="bytes"/> bytes (spaces) on the shard's socket, in 64 KiB frames;
    /// with <paramref name="finish"/> false the final frame never comes (an endless message), and
    /// nothing more is sent on that socket.
    /// </summary>
    public Task SendLongMessageAsync(int bytes, bool finish, int shard = 0)
    {
        Gateway.ConnectionFor(shard).EnqueueLongMessage(bytes, finish);
        return Task.CompletedTask;
    }

    public Task SendRawAsync(string json, int shard = 0)
    {
        Gateway.ConnectionFor(shard).Enqueue(json);
        return Task.CompletedTask;
    }

    public Task<FakeGatewayFrame> WaitForIdentifyAsync(int shard = 0, int count = 1, TimeSpan? timeout = null) =>
        Gateway.Recorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.FromClient && f.Op == 2 && f.Data?["shard"]?[0]?.GetValue<int>() == shard, count, timeout, $"Identify from shard {shard}");

    public Task<FakeGatewayFrame> WaitForResumeAsync(int shard = 0, int count = 1, TimeSpan? timeout = null) =>
        Gateway.Recorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.FromClient && f.Op == 6 && f.ShardId == shard, count, timeout, $"Resume from shard {shard}");

    public Task<FakeGatewayFrame> WaitForHeartbeatAsync(int count = 1, TimeSpan? timeout = null) =>
        Gateway.Recorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.FromClient && f.Op == 1, count, timeout, "heartbeat");

    public Task<FakeGatewayFrame> WaitForDispatchSentAsync(string eventName, int shard = 0, int count = 1, TimeSpan? timeout = null) =>
        Gateway.Recorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.ToClient && f.EventName == eventName && f.ShardId == shard, count, timeout, $"{eventName} to shard {shard}");

    /// <summary>A close the client sent (or, with code null, a drop).</summary>
    public Task<FakeGatewayFrame> WaitForClientCloseAsync(int count = 1, TimeSpan? timeout = null) =>
        Gateway.Recorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.FromClient && f.IsClose, count, timeout, "client close");
}
