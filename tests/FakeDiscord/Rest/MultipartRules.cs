using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord.Rest;

/// <summary>
/// What Discord requires of a multipart/form-data upload (docs: Reference, Uploading Files) beyond the
/// JSON schema, which payload_json is checked against like any other body: the JSON in a part named
/// payload_json, files in parts named files[n], each described in payload_json's attachments by an
/// entry whose id is n and whose filename matches, and every attachment:// an embed uses uploaded.
/// </summary>
internal static class MultipartRules
{
    public static async Task<(string PayloadJson, IReadOnlyList<RecordedFile> Files, IReadOnlyList<string> Problems)> ReadAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var problems = new List<string>();
        var files = new List<RecordedFile>();
        foreach (var file in form.Files)
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream);
            files.Add(new RecordedFile(file.Name, file.FileName, file.ContentType ?? "", stream.ToArray()));
        }

        foreach (var key in form.Keys.Where(k => k != "payload_json"))
        {
            problems.Add($"multipart: unexpected field \"{key}\" (only payload_json and files[n])");
        }

        if (!form.TryGetValue("payload_json", out var payload) || string.IsNullOrEmpty(payload.ToString()))
        {
            problems.Add("multipart: no payload_json part");
            return ("", files, problems);
        }

        var json = payload.ToString();
        try
        {
            using var document = JsonDocument.Parse(json);
            problems.AddRange(CheckAttachments(document.RootElement, files));
        }
        catch (JsonException)
        {
            problems.Add("multipart: payload_json is not JSON");
        }

        return (json, files, problems);
    }

    private static IEnumerable<string> CheckAttachments(JsonElement payload, IReadOnlyList<RecordedFile> files)
    {
        // A forum post carries its message one level down.
        var message = payload.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : payload;
        if (payload.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            message = data; // an interaction callback
        }

        var attachments = message.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToDictionary(a => a.GetProperty("id").ToString(), a => a.TryGetProperty("filename", out var f) ? f.GetString() : null)
            : [];
        for (var i = 0; i < files.Count; i++)
        {
            var expected = string.Create(CultureInfo.InvariantCulture, $"files[{i}]");
            var file = files.FirstOrDefault(f => f.Name == expected);
            if (file is null)
            {
                yield return $"multipart: file parts must be named files[0], files[1], …; {expected} is missing";
                continue;
            }

            if (!attachments.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var name))
            {
                yield return $"multipart: {expected} has no attachments entry with id {i} in payload_json";
            }
            else if (name is not null && name != file.FileName)
            {
                yield return $"multipart: attachments[{i}].filename \"{name}\" differs from the uploaded \"{file.FileName}\"";
            }
        }

        if (!message.TryGetProperty("embeds", out var embeds) || embeds.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var embed in embeds.EnumerateArray())
        {
            foreach (var media in new[] { "image", "thumbnail" })
            {
                if (embed.TryGetProperty(media, out var m) && m.TryGetProperty("url", out var url)
                    && url.GetString() is { } u && u.StartsWith("attachment://", StringComparison.Ordinal)
                    && files.All(f => f.FileName != u["attachment://".Length..]))
                {
                    yield return $"multipart: embed {media} {u} names no uploaded file";
                }
            }
        }
    }
}
