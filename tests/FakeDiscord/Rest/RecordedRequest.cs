using System.Text.Json;

namespace FakeDiscord.Rest;

/// <summary>One request the fake received, as the client sent it, plus the status the fake answered.</summary>
/// <param name="Route">"METHOD /template" with the OpenAPI path names, e.g. "POST /channels/{channel_id}/messages"; empty when no route matched.</param>
/// <param name="Body">The JSON body, or null when there was none (or it was not JSON).</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Route,
    IReadOnlyDictionary<string, string> Headers,
    string? BodyText,
    JsonElement? Body,
    int Status,
    DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// When the request's body had been read, before the fake parsed, validated and answered it;
    /// <see cref="ReceivedAt"/> is stamped after all that, which for a large body is mostly the fake's
    /// own schema validation. Null for requests recorded without it.
    /// </summary>
    public DateTimeOffset? BodyReadAt { get; init; }

    /// <summary>
    /// When the fake began handling the request, before reading its body: <see cref="ReceivedAt"/> minus
    /// this is the fake's own time on it. Null for requests recorded without it.
    /// </summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Files of a multipart/form-data request (its payload_json is <see cref="BodyText"/>); empty otherwise.</summary>
    public IReadOnlyList<RecordedFile> Files { get; init; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One uploaded part: its form name (files[n]), file name, content type and bytes.</summary>
public sealed record RecordedFile(string Name, string FileName, string ContentType, byte[] Content);
