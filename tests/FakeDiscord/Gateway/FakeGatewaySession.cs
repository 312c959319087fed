using System.Text.Json.Nodes;

namespace FakeDiscord.Gateway;

/// <summary>
/// A Session as Discord keeps it: sequence, dispatch history (for replay on Resume) and the
/// connection currently attached. Dispatches are numbered and queued under one lock so replay and
/// live dispatches never interleave out of order.
/// </summary>
public sealed class FakeGatewaySession(string sessionId, int shardId, int shardCount)
{
    private readonly List<(int Sequence, string Json)> _history = [];
    private int _sequence;

    internal Lock Lock { get; } = new();

    public string SessionId { get; } = sessionId;

    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    public int Sequence
    {
        get { lock (Lock) { return _sequence; } }
    }

    internal FakeGatewayConnection? Connection { get; set; }

    /// <summary>Numbers the dispatch, records it and sends it if a connection is attached.</summary>
    internal void Dispatch(string eventName, JsonNode? data)
    {
        lock (Lock)
        {
            var sequence = ++_sequence;
            var json = new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = eventName, ["d"] = data?.DeepClone() }.ToJsonString();
            _history.Add((sequence, json));
            Connection?.Enqueue(json);
        }
    }

    /// <summary>Attaches <paramref name="connection"/>, replays what came after <paramref name="fromSequence"/>, then RESUMED.</summary>
    internal bool TryResume(FakeGatewayConnection connection, int fromSequence)
    {
        lock (Lock)
        {
            if (fromSequence > _sequence)
            {
                return false;
            }

            Connection = connection;
            foreach (var (sequence, json) in _history.Where(h => h.Sequence > fromSequence))
            {
                connection.Enqueue(json);
            }

            Dispatch("RESUMED", new JsonObject());
            return true;
        }
    }

    internal void Detach(FakeGatewayConnection connection)
    {
        lock (Lock)
        {
            if (Connection == connection)
            {
                Connection = null;
            }
        }
    }
}
