using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Discord.Models;

/// <summary>
/// Source-generated serialization for everything the REST client and interaction parser touch.
/// snake_case names like the wire; nulls are omitted because Discord treats an explicit null as
/// "clear this field" on edits.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(GatewayBotResponse))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(PostedMessage))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(ActiveThreadsResponse))]
[JsonSerializable(typeof(GuildSummary))]
[JsonSerializable(typeof(ArchivedThreadsResponse))]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(ForumThreadRequest))]
[JsonSerializable(typeof(ThreadUpdateRequest))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommandDefinition>))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(AutocompleteResponse))]
[JsonSerializable(typeof(InteractionResolvedData))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitedBody))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;

/// <summary>Discord's error body (OpenAPI: ErrorResponse); <see cref="Errors"/> mirrors the request for 50035.</summary>
public sealed record DiscordErrorBody
{
    public int Code { get; init; }

    public string? Message { get; init; }

    public JsonElement? Errors { get; init; }
}

/// <summary>Body of a 429 (OpenAPI: RatelimitedResponse). retry_after is in seconds, fractional.</summary>
public sealed record RateLimitedBody
{
    public string? Message { get; init; }

    public double RetryAfter { get; init; }

    public bool Global { get; init; }

    public int? Code { get; init; }
}
