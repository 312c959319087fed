using System.Net;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A request body that reports when it has been written: after the bytes are copied, the connection
/// is flushed (the handler would flush next anyway) so "written" means handed to the socket, not
/// left in a buffer. HttpClient itself only reports when the answer arrives.
/// </summary>
internal sealed class WrittenNotifyingContent(byte[] body, Action written) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        written();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
