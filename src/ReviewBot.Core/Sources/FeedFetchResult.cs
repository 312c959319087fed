namespace ReviewBot.Core.Sources;

/// <summary>The outcome of one conditional GET of a feed.</summary>
public abstract record FeedFetchResult
{
    /// <summary>304: the feed is as it was; nothing to parse.</summary>
    public sealed record NotModified : FeedFetchResult;

    /// <summary>200 with a body within the size limit.</summary>
    /// <param name="ContentType">The Content-Type header as sent, with its parameters (a charset); null when there was none.</param>
    public sealed record Fetched(ReadOnlyMemory<byte> Body, string? ContentType, string? ETag, string? LastModified, Uri FinalUrl) : FeedFetchResult;

    /// <summary>Anything else, with a message an operator can act on.</summary>
    /// <param name="RetryAfter">How long the server asked us to wait (Retry-After on a 429 or 503), from now; null when it did not.</param>
    public sealed record Failed(string Error, TimeSpan? RetryAfter = null) : FeedFetchResult;
}
