using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A JSON object body, or with files its multipart/form-data request (<see cref="MultipartBody"/>),
/// encoded once to be sent many times. It is kept as the segments before the object's closing brace
/// and the segments after it (the form's framing and the files' own bytes), so a send can add its own
/// fields there (a message's nonce) without serialising the JSON or framing the files again.
/// </summary>
internal sealed class PreparedBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ReadOnlyMemory<byte> Close = new[] { (byte)'}' };

    private readonly ReadOnlyMemory<byte>[] _head;
    private readonly ReadOnlyMemory<byte>[] _tail;
    private readonly bool _hasFields;

    private PreparedBody(ReadOnlyMemory<byte>[] head, ReadOnlyMemory<byte>[] tail, bool hasFields, MediaTypeHeaderValue contentType)
    {
        _head = head;
        _tail = tail;
        _hasFields = hasFields;
        ContentType = contentType;
    }

    public MediaTypeHeaderValue ContentType { get; }

    public static PreparedBody Create<T>(T body, JsonTypeInfo<T> type, IReadOnlyList<FileUpload>? files)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, type);
        if (json is not [(byte)'{', .., (byte)'}'])
        {
            throw new ArgumentException($"A prepared body must serialise to a JSON object ({typeof(T).Name} did not).", nameof(body));
        }

        var open = json.AsMemory(0, json.Length - 1);
        var hasFields = open.Length > 1;
        if (files is not { Count: > 0 })
        {
            return new PreparedBody([open], [], hasFields, Json);
        }

        var (frames, contentType) = MultipartBody.Frame(files);
        return new PreparedBody([frames[0], open], MultipartBody.AfterJson(frames, files), hasFields, contentType);
    }

    /// <summary>The body as prepared.</summary>
    public RequestBody Build() => Join(Close);

    /// <summary>The body with a create-message nonce and enforce_nonce added to its JSON.</summary>
    public RequestBody WithNonce(string nonce)
    {
        var fields = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{(_hasFields ? "," : "")}\"nonce\":\"{JsonEncodedText.Encode(nonce)}\",\"enforce_nonce\":true}}");
        return Join(Encoding.UTF8.GetBytes(fields));
    }

    private RequestBody Join(ReadOnlyMemory<byte> close)
    {
        var segments = new ReadOnlyMemory<byte>[_head.Length + 1 + _tail.Length];
        _head.CopyTo(segments, 0);
        segments[_head.Length] = close;
        _tail.CopyTo(segments, _head.Length + 1);
        return new RequestBody(segments);
    }
}
