using System.Net;
using System.Runtime.InteropServices;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A request body as byte segments written back to back. Parts that many requests share (a prepared
/// message's JSON and its file parts, see <see cref="PreparedBody"/>) are written from their one copy
/// instead of being joined into a new array per request. Immutable, so a retry sends exactly the same
/// bytes again.
/// </summary>
internal sealed class RequestBody
{
    private readonly ReadOnlyMemory<byte>[] _segments;

    public RequestBody(params ReadOnlyMemory<byte>[] segments)
    {
        _segments = segments;
        foreach (var segment in segments)
        {
            Length += segment.Length;
        }
    }

    public long Length { get; }

    public static implicit operator RequestBody(byte[] bytes) => new(bytes);

    /// <summary>
    /// A fresh content per attempt (a request message and its content are used once). With
    /// <paramref name="written"/>, the connection is flushed after the body (the handler would flush
    /// next anyway) and <paramref name="written"/> called, so "written" means handed to the socket:
    /// HttpClient itself only reports when the answer arrives.
    /// </summary>
    public HttpContent ToContent(ICallbackWritten? written = null) =>
        written is null && _segments is [var only] && MemoryMarshal.TryGetArray(only, out var array)
            ? new ByteArrayContent(array.Array!, array.Offset, array.Count)
            : new SegmentedContent(this, written);

    /// <summary>Writes the segments back to back, as a request sends them.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment, cancellationToken);
        }
    }

    /// <summary>All segments in one array (tests and diagnostics).</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        var at = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(bytes.AsSpan(at));
            at += segment.Length;
        }

        return bytes;
    }

    private sealed class SegmentedContent(RequestBody body, ICallbackWritten? written) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await body.WriteToAsync(stream, cancellationToken);
            if (written is not null)
            {
                await stream.FlushAsync(cancellationToken);
                written.Written();
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var segment in body._segments)
            {
                stream.Write(segment.Span);
            }

            if (written is not null)
            {
                stream.Flush();
                written.Written();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
