using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Models;

/// <summary>GET /gateway/bot (OpenAPI: GatewayBotResponse).</summary>
public sealed record GatewayBotResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("shards")] int Shards,
    [property: JsonPropertyName("session_start_limit")] SessionStartLimit SessionStartLimit);

/// <param name="ResetAfter">Milliseconds until <see cref="Remaining"/> resets.</param>
/// <param name="MaxConcurrency">Identify calls allowed per 5 seconds.</param>
public sealed record SessionStartLimit(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("remaining")] int Remaining,
    [property: JsonPropertyName("reset_after")] long ResetAfter,
    [property: JsonPropertyName("max_concurrency")] int MaxConcurrency);
