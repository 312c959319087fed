using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A message object already encoded as its JSON (what an interaction callback carries as
/// <c>data</c>, docs: Interactions, Receiving and Responding, Interaction Response Structure), with
/// the files its <c>attachments</c> describe. A finished answer can be encoded once
/// (<see cref="Encode"/>), kept anywhere as bytes, and sent again from those bytes without building
/// the message objects (<see cref="InteractionCallbackBody.Create(InteractionCallbackType, SerializedMessage)"/>).
/// </summary>
/// <param name="Json">The UTF-8 JSON of one <see cref="MessageRequest"/>, as <see cref="Encode"/> wrote it.</param>
/// <param name="Files">The files in the order the JSON's attachment ids number them; null or empty for none.</param>
/// <param name="Framing">The multipart framing for exactly these files' names and types, made once and reused; null to frame them per body.</param>
public sealed record SerializedMessage(ReadOnlyMemory<byte> Json, IReadOnlyList<FileUpload>? Files = null, FileFraming? Framing = null)
{
    /// <summary>The JSON a message is kept as: without a nonce, which belongs to one create only.</summary>
    public static byte[] Encode(MessageRequest message) =>
        JsonSerializer.SerializeToUtf8Bytes(InteractionCallbackBody.WithoutNonce(message), DiscordJsonContext.Default.MessageRequest);

    /// <summary>
    /// The message the JSON encodes, with <see cref="Files"/>: for the rarer sends that take a message
    /// rather than bytes (an edit of a deferred reply, a follow-up). Decoded on every call.
    /// </summary>
    public MessageRequest Decode()
    {
        var message = JsonSerializer.Deserialize(Json.Span, DiscordJsonContext.Default.MessageRequest)
            ?? throw new InvalidDataException("A serialized message was JSON null, not a message object.");
        return Files is { Count: > 0 } ? message with { Files = Files } : message;
    }
}
