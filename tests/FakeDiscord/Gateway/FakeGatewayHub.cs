using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord.Gateway;

/// <summary>All gateway state of one fake: sessions by id, live connections, the recorder.</summary>
internal sealed class FakeGatewayHub(FakeDiscordOptions options, Func<Uri> resumeGatewayUrl)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeGatewaySession> _sessions = [];
    private readonly List<FakeGatewayConnection> _connections = [];
    private long _nextConnectionId;

    public FakeDiscordOptions Options { get; } = options;

    public FakeGatewayRecorder Recorder { get; } = new();

    /// <summary>An Identify came when the session start limit was spent (Discord would have reset the token).</summary>
    public bool SessionStartLimitExceeded
    {
        get => Volatile.Read(ref _sessionStartLimitExceeded);
        set => Volatile.Write(ref _sessionStartLimitExceeded, value);
    }

    private bool _sessionStartLimitExceeded;

    public IReadOnlyList<FakeGatewaySession> Sessions
    {
        get { lock (_lock) { return _sessions.Values.ToList(); } }
    }

    public async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeGatewayConnection(Interlocked.Increment(ref _nextConnectionId), context, socket, this);
        lock (_lock)
        {
            _connections.Add(connection);
        }

        try
        {
            await connection.RunAsync(context.RequestAborted);
        }
        finally
        {
            lock (_lock)
            {
                _connections.Remove(connection);
            }
        }
    }

    public FakeGatewaySession CreateSession(int shardId, int shardCount, FakeGatewayConnection connection)
    {
        var session = new FakeGatewaySession(Guid.NewGuid().ToString("N"), shardId, shardCount) { Connection = connection };
        lock (_lock)
        {
            _sessions[session.SessionId] = session;
        }

        return session;
    }

    /// <summary>READY is the Session's first dispatch (sequence 1).</summary>
    public void SendReady(FakeGatewaySession session)
    {
        session.Dispatch("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = Options.BotUserId.ToString(), ["username"] = "ReviewBot", ["bot"] = true },
            ["guilds"] = new JsonArray(),
            ["session_id"] = session.SessionId,
            ["resume_gateway_url"] = resumeGatewayUrl().ToString(),
            ["shard"] = new JsonArray(session.ShardId, session.ShardCount),
            ["application"] = new JsonObject { ["id"] = Options.ApplicationId.ToString(), ["flags"] = 0 },
        });
    }

    public FakeGatewaySession? FindSession(string? sessionId)
    {
        lock (_lock)
        {
            return sessionId is not null && _sessions.TryGetValue(sessionId, out var session) ? session : null;
        }
    }

    public void ForgetSession(FakeGatewaySession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session.SessionId);
        }
    }

    /// <summary>The newest session for a shard (the one a test means).</summary>
    public FakeGatewaySession SessionFor(int shardId)
    {
        lock (_lock)
        {
            return _sessions.Values.LastOrDefault(s => s.ShardId == shardId)
                ?? throw new InvalidOperationException($"FakeDiscord gateway: no session for shard {shardId} yet (wait for its Identify or READY first).");
        }
    }

    public FakeGatewayConnection ConnectionFor(int shardId) =>
        SessionFor(shardId).Connection ?? throw new InvalidOperationException($"FakeDiscord gateway: shard {shardId} has no open connection.");
}
