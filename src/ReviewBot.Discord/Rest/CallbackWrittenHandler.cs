using System.Net;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// In the REST client's handler chain: wraps the body of a watched interaction callback so that
/// <see cref="InteractionCallbackWrites"/> hears when it has been written. HttpClient itself only
/// reports when the answer arrives.
/// </summary>
internal sealed class CallbackWrittenHandler(InteractionCallbackWrites writes) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content
            && request.Options.TryGetValue(InteractionCallbackWrites.RequestOption, out var interactionId)
            && writes.Find(interactionId) is { } written)
        {
            request.Content = new WrittenNotifyingContent(content, written);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// After the body is copied the connection is flushed (the handler would flush next anyway), so
    /// "written" means handed to the socket, not left in a buffer.
    /// </summary>
    private sealed class WrittenNotifyingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _written;

        public WrittenNotifyingContent(HttpContent inner, Action written)
        {
            _inner = inner;
            _written = written;
            foreach (var header in inner.Headers)
            {
                // The length comes from TryComputeLength below, like the inner content's.
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await _inner.CopyToAsync(stream, context, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _written();
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
