using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Reviews;

public sealed record ShowRecord(long Id, string Title, string Slug);

/// <summary>A review as stored, with its show and episodes.</summary>
public sealed record StoredReview(
    long Id,
    ShowRecord Show,
    int Season,
    string Title,
    string Headline,
    Score? Verdict,
    string Summary,
    string Body,
    Uri? SourceUrl,
    string? Author,
    DateTimeOffset? Published,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<EpisodeEntry> Episodes)
{
    /// <summary>When the review came out, as far as we know: its published time, else when we stored it.</summary>
    public DateTimeOffset Date => Published ?? CreatedAt;
}
