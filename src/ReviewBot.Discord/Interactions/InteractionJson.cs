using System.Runtime.InteropServices;
using System.Text.Json;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// The entry point for turning an interaction payload (INTERACTION_CREATE's <c>d</c>, or the body
/// of an HTTP interaction) into an <see cref="Interaction"/> (<see cref="InteractionReader"/>).
/// </summary>
public static class InteractionJson
{
    /// <summary>Reads the element's own bytes in its document (no copy).</summary>
    public static Interaction Parse(JsonElement payload) => InteractionReader.Read(JsonMarshal.GetRawUtf8Value(payload));

    public static Interaction Parse(ReadOnlySpan<byte> utf8Json) => InteractionReader.Read(utf8Json);
}
