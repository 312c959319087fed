namespace ReviewBot.Core.Sources;

/// <summary>The outcome of one conditional GET of a feed.</summary>
public abstract record FeedFetchResult
{
    /// <summary>304: the feed is as it was; nothing to parse.</summary>
    public sealed record NotModified : FeedFetchResult;

    /// <summary>200 with a body within the size limit.</summary>
    public sealed record Fetched(ReadOnlyMemory<byte> Body, string? ContentType, string? ETag, string? LastModified, Uri FinalUrl) : FeedFetchResult;

    /// <summary>Anything else, with a message an operator can act on.</summary>
    public sealed record Failed(string Error) : FeedFetchResult;
}
