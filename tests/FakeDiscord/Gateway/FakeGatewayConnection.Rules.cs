using System.Text.Json.Nodes;

namespace FakeDiscord.Gateway;

internal sealed partial class FakeGatewayConnection
{
    /// <summary>GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT: privileged, not enabled for the fake app (4014).</summary>
    private const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

    /// <summary>Bits Discord defines today (0..25); anything higher is invalid (4013).</summary>
    private const int KnownIntents = (1 << 26) - 1;

    private void HandleClientFrame(int op, JsonNode node, string json)
    {
        var data = node["d"];
        switch (op)
        {
            case 1:
                // Decided before the frame is recorded: recording wakes a test waiting for this heartbeat,
                // which may change AckHeartbeats at once for the next one, and that must not reach this one.
                var ack = Options.AckHeartbeats;
                hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, op, json));
                if (ack)
                {
                    Enqueue("""{"op":11,"d":null}""");
                }

                break;
            case 2:
                Identify(data);
                hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, op, json));
                break;
            case 6:
                Resume(data, json);
                break;
            default:
                hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, op, json));
                if (Session is null)
                {
                    EnqueueClose(4003);
                }

                break;
        }
    }

    private void Identify(JsonNode? data)
    {
        if (Session is not null)
        {
            EnqueueClose(4005);
            return;
        }

        var intents = data?["intents"]?.GetValue<int>() ?? 0;
        var shard = data?["shard"]?.AsArray();
        var shardId = shard?[0]?.GetValue<int>() ?? 0;
        var shardCount = shard?[1]?.GetValue<int>() ?? 1;
        if (data?["token"]?.GetValue<string>() != Options.Token)
        {
            EnqueueClose(4004);
        }
        else if (!Options.TryStartSession())
        {
            // Past the daily session start limit Discord resets the bot's token.
            hub.SessionStartLimitExceeded = true;
            EnqueueClose(4004);
        }
        else if ((intents & ~KnownIntents) != 0)
        {
            EnqueueClose(4013);
        }
        else if ((intents & PrivilegedIntents) != 0)
        {
            EnqueueClose(4014);
        }
        else if (shardCount < 1 || shardId < 0 || shardId >= shardCount)
        {
            EnqueueClose(4010);
        }
        else
        {
            Session = hub.CreateSession(shardId, shardCount, this);
            hub.SendReady(Session);
        }
    }

    private void Resume(JsonNode? data, string json)
    {
        var session = hub.FindSession(data?["session_id"]?.GetValue<string>());
        Session ??= session;
        hub.Recorder.Record(Frame(FakeGatewayDirection.FromClient, 6, json));
        if (data?["token"]?.GetValue<string>() != Options.Token)
        {
            EnqueueClose(4004);
        }
        else if (session is null)
        {
            // Discord answers an unknown or expired session with op 9 d=false.
            Enqueue("""{"op":9,"d":false}""");
        }
        else if (!session.TryResume(this, data?["seq"]?.GetValue<int?>() ?? 0))
        {
            EnqueueClose(4007);
        }
    }
}
