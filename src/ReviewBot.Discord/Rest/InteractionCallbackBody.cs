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
    private InteractionCallbackBody(PreparedBody prepared)
    {
        Request = prepared.Build();
        ContentType = prepared.ContentType;
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

    /// <summary>Writes the body to <paramref name="stream"/> as it would be sent.</summary>
    public Task WriteToAsync(Stream stream, CancellationToken cancellationToken) => Request.WriteToAsync(stream, cancellationToken);

    /// <summary>nonce / enforce_nonce belong to create message only.</summary>
    internal static MessageRequest WithoutNonce(MessageRequest message) =>
        message.Nonce is null && message.EnforceNonce is null ? message : message with { Nonce = null, EnforceNonce = null };
}
