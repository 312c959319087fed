using System.Net.Http.Headers;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// An interaction callback's request body, encoded once by <see cref="PreparedBody"/>: JSON, or
/// multipart/form-data when the message carries files (docs: Reference, Uploading Files). Nothing in
/// it names the interaction (its id and token are in the path), so one body can answer any number of
/// interactions that should show the same message, each sent with
/// <see cref="DiscordRestClient.CreateInteractionResponseAsync(Snowflake, string, InteractionCallbackBody, CancellationToken)"/>,
/// or written as the HTTP response to an interaction request (<see cref="WriteToAsync"/>).
/// </summary>
public sealed class InteractionCallbackBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ReadOnlyMemory<byte> Close = new[] { (byte)'}' };

    private InteractionCallbackBody(PreparedBody prepared)
        : this(prepared.Build(), prepared.ContentType)
    {
    }

    private InteractionCallbackBody(RequestBody request, MediaTypeHeaderValue contentType)
    {
        Request = request;
        ContentType = contentType;
    }

    /// <summary>How many bytes the request body is (what keeping it costs).</summary>
    public long Length => Request.Length;

    public MediaTypeHeaderValue ContentType { get; }

    internal RequestBody Request { get; }

    public static InteractionCallbackBody Create(InteractionResponse response)
    {
        var body = response.Data is null ? response : response with { Data = WithoutNonce(response.Data) };
        return new InteractionCallbackBody(PreparedBody.Create(body, DiscordJsonContext.Default.InteractionResponse, response.Data?.Files));
    }

    /// <summary>
    /// The callback of <paramref name="type"/> carrying a message kept as its JSON: the JSON goes in as
    /// it is, between the callback's own fields and its closing brace, and with files the message's
    /// framing (<see cref="SerializedMessage.Framing"/>) is reused when it fits them. The same bytes as
    /// <see cref="Create(InteractionResponse)"/> for the message the JSON encodes, but for the multipart boundary.
    /// </summary>
    public static InteractionCallbackBody Create(InteractionCallbackType type, SerializedMessage message)
    {
        var open = CallbackOpening(type);
        if (message.Files is not { Count: > 0 } files)
        {
            return new InteractionCallbackBody(new RequestBody(open, message.Json, Close), Json);
        }

        var framing = message.Framing is { } kept && kept.Fits(files) ? kept : FileFraming.For(files);
        ReadOnlyMemory<byte>[] segments = [framing.Frames[0], open, message.Json, Close, .. MultipartBody.AfterJson(framing.Frames, files)];
        return new InteractionCallbackBody(new RequestBody(segments), framing.ContentType);
    }

    /// <summary>Writes the body to <paramref name="stream"/> as it would be sent.</summary>
    public Task WriteToAsync(Stream stream, CancellationToken cancellationToken) => Request.WriteToAsync(stream, cancellationToken);

    /// <summary><c>{"type":N,"data":</c>: the callback's fields before its message, as the serializer writes them.</summary>
    private static ReadOnlyMemory<byte> CallbackOpening(InteractionCallbackType type) => type switch
    {
        InteractionCallbackType.ChannelMessageWithSource => ChannelMessageOpening,
        InteractionCallbackType.UpdateMessage => UpdateMessageOpening,
        _ => System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"type\":{(int)type},\"data\":")),
    };

    private static readonly byte[] ChannelMessageOpening = "{\"type\":4,\"data\":"u8.ToArray();

    private static readonly byte[] UpdateMessageOpening = "{\"type\":7,\"data\":"u8.ToArray();

    /// <summary>nonce / enforce_nonce belong to create message only.</summary>
    internal static MessageRequest WithoutNonce(MessageRequest message) =>
        message.Nonce is null && message.EnforceNonce is null ? message : message with { Nonce = null, EnforceNonce = null };
}
