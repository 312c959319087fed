using System.Text.Json.Nodes;

namespace FakeDiscord.Gateway;

public enum FakeGatewayDirection
{
    /// <summary>Sent by the client (the bot) to the fake.</summary>
    FromClient,

    /// <summary>Sent by the fake to the client.</summary>
    ToClient,
}

/// <summary>
/// One recorded gateway message, or a close (<see cref="Op"/> = -1 and <see cref="CloseCode"/> set;
/// CloseCode null with Op -1 means the connection dropped without a close frame).
/// </summary>
public sealed record FakeGatewayFrame(
    long ConnectionId,
    string Path,
    int? ShardId,
    FakeGatewayDirection Direction,
    int Op,
    string? EventName,
    int? Sequence,
    string Json,
    int? CloseCode)
{
    public const int CloseOp = -1;

    /// <summary>A client message the fake could not decode (answered with close 4002).</summary>
    public const int UndecodableOp = -2;

    public bool IsClose => Op == CloseOp;

    /// <summary>The <c>d</c> field, parsed on demand.</summary>
    public JsonNode? Data => Op < 0 ? null : JsonNode.Parse(Json)?["d"];
}
