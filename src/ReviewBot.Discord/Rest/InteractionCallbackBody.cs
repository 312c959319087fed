using System.Net.Http.Headers;
using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// An interaction callback's request body, serialised once: JSON, or multipart/form-data when the
/// message carries files (docs: Reference, Uploading Files). Nothing in it names the interaction (its
/// id and token are in the path), so one body can answer any number of interactions that should show
/// the same message, each sent with <see cref="DiscordRestClient.CreateInteractionResponseAsync(Snowflake, string, InteractionCallbackBody, CancellationToken)"/>.
/// </summary>
public sealed class InteractionCallbackBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private InteractionCallbackBody(byte[] bytes, MediaTypeHeaderValue contentType)
    {
        Bytes = bytes;
        ContentType = contentType;
    }

    /// <summary>How many bytes the request body is (what keeping it costs).</summary>
    public int Length => Bytes.Length;

    internal byte[] Bytes { get; }

    internal MediaTypeHeaderValue ContentType { get; }

    public static async Task<InteractionCallbackBody> CreateAsync(InteractionResponse response, CancellationToken cancellationToken = default)
    {
        var body = response.Data is null ? response : response with { Data = WithoutNonce(response.Data) };
        var json = JsonSerializer.SerializeToUtf8Bytes(body, DiscordJsonContext.Default.InteractionResponse);
        if (response.Data?.Files is { Count: > 0 } files)
        {
            var (bytes, contentType) = await MultipartBody.EncodeAsync(json, files, cancellationToken);
            return new InteractionCallbackBody(bytes, contentType);
        }

        return new InteractionCallbackBody(json, Json);
    }

    /// <summary>nonce / enforce_nonce belong to create message only.</summary>
    internal static MessageRequest WithoutNonce(MessageRequest message) =>
        message.Nonce is null && message.EnforceNonce is null ? message : message with { Nonce = null, EnforceNonce = null };
}
