using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// The entry point for turning an interaction payload (INTERACTION_CREATE's <c>d</c>, or the body
/// of an HTTP interaction) into an <see cref="Interaction"/>, using the source-generated context.
/// </summary>
public static class InteractionJson
{
    public static Interaction Parse(JsonElement payload) =>
        payload.Deserialize(DiscordJsonContext.Default.Interaction)
        ?? throw new JsonException("An interaction payload was null.");

    public static Interaction Parse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DiscordJsonContext.Default.Interaction)
        ?? throw new JsonException("An interaction payload was null.");
}
