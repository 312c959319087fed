namespace ReviewBot.Core.Sources;

public enum FeedPollStatus
{
    NotModified,
    Fetched,
    Failed,
}

/// <summary>What one poll of one feed did; also what the logs and tests look at.</summary>
/// <param name="Rejected">Items that are broken reviews, or that could not be read or converted at all.</param>
/// <param name="Skipped">Items with neither guid nor link, which can never be imported.</param>
public sealed record FeedPollResult(
    string FeedUrl,
    FeedPollStatus Status,
    string? Error = null,
    int Items = 0,
    int Imported = 0,
    int NotReviews = 0,
    int Rejected = 0,
    int Unchanged = 0,
    int Errors = 0,
    int Skipped = 0);
