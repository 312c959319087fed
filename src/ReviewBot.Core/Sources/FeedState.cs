namespace ReviewBot.Core.Sources;

/// <summary>What is remembered about one feed between polls.</summary>
/// <param name="ReadAs">
/// The importer's way of reading reviews (<see cref="Import.ReviewImporter.HashVersion"/>) when the feed was
/// last read in full, the read <paramref name="ETag"/> and <paramref name="LastModified"/> describe; null when
/// an earlier build kept them. They are sent only under the same reading: a feed answering 304 Not
/// Modified would otherwise keep its reviews as another build read them until the site changes it.
/// </param>
public sealed record FeedState(
    string Url,
    string? ETag,
    string? LastModified,
    DateTimeOffset? LastAttemptUtc,
    DateTimeOffset? LastSuccessUtc,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? NextPollUtc,
    bool FirstPollDone,
    string? ReadAs)
{
    public static FeedState New(string url) => new(url, null, null, null, null, 0, null, null, false, null);
}

public enum FeedItemOutcome
{
    Imported,
    NotAReview,
    Rejected,
}

/// <summary>What is remembered about one feed item: enough to skip it when its content is unchanged.</summary>
public sealed record FeedItemRecord(
    string FeedUrl,
    string ItemKey,
    string ContentHash,
    FeedItemOutcome Outcome,
    long? ReviewId,
    string? Reason,
    DateTimeOffset FirstSeenUtc);
