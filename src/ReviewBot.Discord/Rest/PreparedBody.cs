using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A JSON object body, or with files its multipart/form-data request (<see cref="MultipartBody"/>),
/// encoded once to be sent many times. It is kept as the bytes before the object's closing brace and
/// the bytes after it, so a send can add its own fields there (a message's nonce) without serialising
/// the JSON or framing the files again.
/// </summary>
internal sealed class PreparedBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ReadOnlyMemory<byte> Close = new[] { (byte)'}' };

    private readonly ReadOnlyMemory<byte> _head;
    private readonly ReadOnlyMemory<byte> _tail;
    private readonly bool _hasFields;

    private PreparedBody(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> tail, bool hasFields, MediaTypeHeaderValue contentType)
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
            return new PreparedBody(open, ReadOnlyMemory<byte>.Empty, hasFields, Json);
        }

        // The form is framed by the library with the open JSON as payload_json; the JSON is then found
        // in it and the form split there. Parts carry no Content-Length, so a longer JSON still frames right.
        var (form, contentType) = MultipartBody.Encode(open, files);
        var at = form.AsSpan().IndexOf(open.Span);
        var end = at + open.Length;
        var boundary = Encoding.ASCII.GetBytes("\r\n--" + MultipartBody.BoundaryOf(contentType));
        if (at < 0
            || !form.AsSpan(0, at).EndsWith("\r\n\r\n"u8)
            || form.AsSpan(0, at).IndexOf("Content-Length"u8) >= 0
            || !form.AsSpan(end).StartsWith(boundary))
        {
            throw new InvalidOperationException("The multipart/form-data framing of a prepared body did not have the expected shape.");
        }

        return new PreparedBody(form.AsMemory(0, end), form.AsMemory(end), hasFields, contentType);
    }

    /// <summary>The body as prepared.</summary>
    public RequestBody Build() => new(_head, Close, _tail);

    /// <summary>The body with a create-message nonce and enforce_nonce added to its JSON.</summary>
    public RequestBody WithNonce(string nonce)
    {
        var fields = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{(_hasFields ? "," : "")}\"nonce\":\"{JsonEncodedText.Encode(nonce)}\",\"enforce_nonce\":true}}");
        return new RequestBody(_head, Encoding.UTF8.GetBytes(fields), _tail);
    }
}
