using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Gateway.Payloads;

/// <summary>The frame we send: <c>{"op": int, "d": ...}</c>.</summary>
public sealed record GatewayPayload<T>(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] T D);

/// <summary>Identify (op 2). The token is the bare token, without the <c>Bot </c> HTTP prefix.</summary>
public sealed record IdentifyData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("intents")] int Intents,
    [property: JsonPropertyName("properties")] IdentifyProperties Properties,
    [property: JsonPropertyName("shard")] int[] Shard)
{
    // Records print every property; make sure a stray log of this object never shows the token.
    public override string ToString() => $"Identify {{ intents = {Intents}, shard = [{string.Join(", ", Shard)}] }}";
}

public sealed record IdentifyProperties(
    [property: JsonPropertyName("os")] string Os,
    [property: JsonPropertyName("browser")] string Browser,
    [property: JsonPropertyName("device")] string Device);

/// <summary>Resume (op 6).</summary>
public sealed record ResumeData(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("seq")] int? Seq)
{
    public override string ToString() => $"Resume {{ session_id = {SessionId}, seq = {Seq} }}";
}
