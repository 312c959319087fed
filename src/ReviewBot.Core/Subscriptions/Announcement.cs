using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Subscriptions;

/// <summary>Where an announcement stands. Every one ends <see cref="Sent"/>, <see cref="Failed"/> or <see cref="Cancelled"/>, with a reason for the last two.</summary>
public enum AnnouncementStatus
{
    Pending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>
/// A unit of delivery work: a pending announcement to post, or a posted one to edit in place
/// (<see cref="IsEdit"/>), for a channel whose subscription is active.
/// </summary>
public sealed record AnnouncementWork(
    long Id,
    long SubscriptionId,
    long ReviewId,
    ulong GuildId,
    ulong ChannelId,
    ChannelKind Kind,
    ulong? RoleId,
    int Attempts,
    DateTimeOffset? FirstAttemptAt,
    DateTimeOffset NextAttemptAt,
    bool IsEdit,
    ulong? MessageChannelId,
    ulong? MessageId)
{
    /// <summary>When a send was last started without its outcome being recorded since (forum posts, which have no nonce).</summary>
    public DateTimeOffset? SendStartedAt { get; init; }

    /// <summary>The forum post title that send was started with (null for rows started before it was kept).</summary>
    public string? SendStartedName { get; init; }

    /// <summary>The review's content hash as that send rendered it: a post found from it shows the review as of then.</summary>
    public string? SendStartedHash { get; init; }
}

/// <summary>What an announcement shows of its review, read when it is sent (so edits before sending are included).</summary>
public sealed record AnnouncementContent(
    long ReviewId,
    string ShowTitle,
    string ShowSlug,
    int Season,
    string Title,
    string Headline,
    double? VerdictScore,
    double? VerdictScale,
    string Summary,
    string? SourceUrl,
    string? Author,
    DateTimeOffset? Published,
    int EpisodeCount)
{
    /// <summary>Members' ratings when the announcement is rendered (posts and edits show the current score).</summary>
    public CommunityScore Community { get; init; } = CommunityScore.None;

    /// <summary>When the review last changed: the version of anything rendered from it.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The review's content hash when it was read: the version its chart is stored for.</summary>
    public string? ContentHash { get; init; }

    /// <summary>The episode guide with scores, for the announcement's chart or its row of scores.</summary>
    public IReadOnlyList<EpisodeEntry> Episodes { get; init; } = [];
}

/// <summary>A post Discord confirmed, waiting to be recorded (<see cref="AnnouncementStore.MarkSentAsync(IReadOnlyList{SentAnnouncement}, CancellationToken)"/>).</summary>
/// <param name="RenderedFrom">The content hash of the review as the post shows it; when the stored review has changed since, the post is edited.</param>
public sealed record SentAnnouncement(AnnouncementWork Work, ulong MessageChannelId, ulong MessageId, string? RenderedFrom = null);
