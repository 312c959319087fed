using System.Globalization;
using System.Net.Http.Headers;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A JSON body with files as multipart/form-data (docs: Reference, Uploading Files): the JSON in a
/// part named <c>payload_json</c>, each file in a part named <c>files[n]</c> with its file name. Encoded
/// once into bytes, so a retry sends exactly the same request and the written-notifying path works
/// for uploads as for JSON.
/// </summary>
internal static class MultipartBody
{
    private const string BoundaryPrefix = "reviewbot-";

    /// <summary>The whole request, encoded synchronously: the parts are all in memory.</summary>
    public static (byte[] Bytes, MediaTypeHeaderValue ContentType) Encode(ReadOnlyMemory<byte> json, IReadOnlyList<FileUpload> files)
    {
        using var form = Form(json, files);
        using var stream = new MemoryStream();
        form.CopyTo(stream, null, CancellationToken.None);
        return (stream.ToArray(), form.Headers.ContentType!);
    }

    /// <summary>The boundary parameter of a multipart content type, unquoted.</summary>
    public static string BoundaryOf(MediaTypeHeaderValue contentType) =>
        contentType.Parameters.Single(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase)).Value!.Trim('"');

    private static MultipartFormDataContent Form(ReadOnlyMemory<byte> json, IReadOnlyList<FileUpload> files)
    {
        var form = new MultipartFormDataContent(BoundaryPrefix + Guid.NewGuid().ToString("n"));
        var payload = new ReadOnlyMemoryContent(json);
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(payload, "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ReadOnlyMemoryContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(part, string.Create(CultureInfo.InvariantCulture, $"files[{i}]"), files[i].FileName);
        }

        return form;
    }
}
