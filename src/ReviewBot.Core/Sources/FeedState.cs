namespace ReviewBot.Core.Sources;

/// <summary>What is remembered about one feed between polls.</summary>
public sealed record FeedState(
    string Url,
    string? ETag,
    string? LastModified,
    DateTimeOffset? LastAttemptUtc,
    DateTimeOffset? LastSuccessUtc,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? NextPollUtc,
    bool FirstPollDone)
{
    public static FeedState New(string url) => new(url, null, null, null, null, 0, null, null, false);
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
