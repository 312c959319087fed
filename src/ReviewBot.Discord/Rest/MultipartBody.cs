using System.Globalization;
using System.Net.Http.Headers;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A JSON body with files as multipart/form-data (docs: Reference, Uploading Files): the JSON in a
/// part named <c>payload_json</c>, each file in a part named <c>files[n]</c> with its file name.
/// The library frames the form; the JSON and the files' bytes are then written from their own memory
/// as segments between the frames, never copied into one array (a chart is tens of kilobytes, and
/// a first answer that carries one would otherwise copy it twice more).
/// </summary>
internal static class MultipartBody
{
    private const string BoundaryPrefix = "reviewbot-";

    /// <summary>The whole request as segments; its bytes do not change, so a retry sends exactly the same request.</summary>
    public static (RequestBody Body, MediaTypeHeaderValue ContentType) Encode(ReadOnlyMemory<byte> json, IReadOnlyList<FileUpload> files) =>
        Encode(json, files, NewBoundary());

    internal static (RequestBody Body, MediaTypeHeaderValue ContentType) Encode(ReadOnlyMemory<byte> json, IReadOnlyList<FileUpload> files, string boundary)
    {
        var (frames, contentType) = Frame(files, boundary);
        return (new RequestBody([frames[0], json, .. AfterJson(frames, files)]), contentType);
    }

    /// <summary>What follows the JSON: each file between the frames around it, then the closing frame.</summary>
    public static ReadOnlyMemory<byte>[] AfterJson(ReadOnlyMemory<byte>[] frames, IReadOnlyList<FileUpload> files)
    {
        var segments = new ReadOnlyMemory<byte>[(2 * files.Count) + 1];
        for (var i = 0; i < files.Count; i++)
        {
            segments[2 * i] = frames[i + 1];
            segments[(2 * i) + 1] = files[i].Content;
        }

        segments[^1] = frames[^1];
        return segments;
    }

    /// <summary>
    /// The framing around the parts, framed by <see cref="MultipartFormDataContent"/> with every part
    /// empty: <c>Frames[0]</c> comes before the JSON, <c>Frames[i + 1]</c> after part i (the JSON is
    /// part 0, file n is part n + 1) and so before the next part's bytes, and the last frame closes the
    /// form. Parts carry no Content-Length, so the framing does not depend on what the parts hold.
    /// </summary>
    public static (ReadOnlyMemory<byte>[] Frames, MediaTypeHeaderValue ContentType) Frame(IReadOnlyList<FileUpload> files) =>
        Frame(files, NewBoundary());

    internal static (ReadOnlyMemory<byte>[] Frames, MediaTypeHeaderValue ContentType) Frame(IReadOnlyList<FileUpload> files, string boundary)
    {
        byte[] form;
        MediaTypeHeaderValue contentType;
        using (var content = Form(files, boundary))
        {
            using var stream = new MemoryStream();
            content.CopyTo(stream, null, CancellationToken.None);
            form = stream.ToArray();
            contentType = content.Headers.ContentType!;
        }

        // Each part ends where the next delimiter begins (RFC 2046, section 5.1.1: CRLF "--" boundary).
        var delimiter = System.Text.Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var frames = new ReadOnlyMemory<byte>[files.Count + 2];
        var start = 0;
        var searchFrom = 0;
        for (var part = 0; part <= files.Count; part++)
        {
            var at = form.AsSpan(searchFrom).IndexOf(delimiter);
            if (at < 0)
            {
                throw new InvalidOperationException("The multipart/form-data framing did not have a delimiter after every part.");
            }

            at += searchFrom;
            if (!form.AsSpan(0, at).EndsWith("\r\n\r\n"u8) || form.AsSpan(start, at - start).IndexOf("Content-Length"u8) >= 0)
            {
                throw new InvalidOperationException("The multipart/form-data framing of a part did not have the expected shape.");
            }

            frames[part] = form.AsMemory(start, at - start);
            start = at;
            searchFrom = at + delimiter.Length;
        }

        frames[^1] = form.AsMemory(start);
        if (!frames[^1].Span.SequenceEqual(System.Text.Encoding.ASCII.GetBytes("\r\n--" + boundary + "--\r\n")))
        {
            throw new InvalidOperationException("The multipart/form-data framing did not end with its closing delimiter.");
        }

        return (frames, contentType);
    }

    private static string NewBoundary() => BoundaryPrefix + Guid.NewGuid().ToString("n");

    private static MultipartFormDataContent Form(IReadOnlyList<FileUpload> files, string boundary)
    {
        var form = new MultipartFormDataContent(boundary);
        var payload = new ReadOnlyMemoryContent(ReadOnlyMemory<byte>.Empty);
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(payload, "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(ReadOnlyMemory<byte>.Empty);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(part, string.Create(CultureInfo.InvariantCulture, $"files[{i}]"), files[i].FileName);
        }

        return form;
    }
}
