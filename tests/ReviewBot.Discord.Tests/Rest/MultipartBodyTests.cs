using System.Net.Http.Headers;
using System.Text;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>
/// The multipart body is written as the library's framing with the JSON and the files' own bytes
/// between the frames; these check that the result is byte for byte the form
/// <see cref="MultipartFormDataContent"/> writes with the same parts, whatever the parts hold.
/// </summary>
public sealed class MultipartBodyTests
{
    private const string Boundary = "reviewbot-test0123456789abcdef";

    public static TheoryData<string, byte[][]> Bodies => new()
    {
        { """{"content":"one file"}""", [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]] },
        { """{"embeds":[{"title":"two files"}]}""", [[1, 2, 3], [4, 5, 6, 7]] },
        // Bytes that look like framing inside the parts: the frames are found before the parts are added.
        { """{"content":"Content-Length: 4\r\n\r\n\r\n--reviewbot-"}""", [Encoding.ASCII.GetBytes("\r\n\r\n--reviewbot-test0123456789abcdef-not\r\n")] },
        { """{"content":"an empty file"}""", [[]] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Encode_IsTheFormTheLibraryWrites(string json, byte[][] contents)
    {
        var files = contents.Select((c, i) => new FileUpload($"file{i}.png", c)).ToList();

        var (body, contentType) = MultipartBody.Encode(Encoding.UTF8.GetBytes(json), files, Boundary);

        var (expected, expectedType) = LibraryForm(json, files);
        Assert.Equal(expectedType.ToString(), contentType.ToString());
        Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(body.ToArray()));
        Assert.Equal(expected.Length, body.Length);
    }

    [Fact]
    public void Frame_HasOneFrameBeforeEachPartAndOneToClose()
    {
        var (frames, _) = MultipartBody.Frame([new FileUpload("a.png", new byte[] { 1 }), new FileUpload("b.png", new byte[] { 2 })], Boundary);

        Assert.Equal(4, frames.Length);
        Assert.StartsWith($"--{Boundary}\r\n", Encoding.ASCII.GetString(frames[0].Span), StringComparison.Ordinal);
        Assert.Contains("name=payload_json", Encoding.ASCII.GetString(frames[0].Span), StringComparison.Ordinal);
        Assert.Contains("filename=a.png", Encoding.ASCII.GetString(frames[1].Span), StringComparison.Ordinal);
        Assert.Contains("filename=b.png", Encoding.ASCII.GetString(frames[2].Span), StringComparison.Ordinal);
        Assert.Equal($"\r\n--{Boundary}--\r\n", Encoding.ASCII.GetString(frames[3].Span));
    }

    private static (byte[] Bytes, MediaTypeHeaderValue ContentType) LibraryForm(string json, IReadOnlyList<FileUpload> files)
    {
        using var form = new MultipartFormDataContent(Boundary);
        var payload = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(payload, "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ByteArrayContent(files[i].Content.ToArray());
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            form.Add(part, $"files[{i}]", files[i].FileName);
        }

        using var stream = new MemoryStream();
        form.CopyTo(stream, null, CancellationToken.None);
        return (stream.ToArray(), form.Headers.ContentType!);
    }
}
