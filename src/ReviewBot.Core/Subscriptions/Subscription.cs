namespace ReviewBot.Core.Subscriptions;

/// <summary>How a channel receives announcements: a message, or (forum) a post of its own per review.</summary>
public enum ChannelKind
{
    Text,
    Forum,
}

/// <summary>A channel subscribed to new reviews of one show, or of every show (<see cref="ShowId"/> null).</summary>
/// <param name="MinVerdict">Only reviews at this verdict out of 10 or better; null for every review.</param>
public sealed record Subscription(
    long Id,
    ulong GuildId,
    ulong ChannelId,
    ChannelKind Kind,
    long? ShowId,
    string? ShowTitle,
    ulong? RoleId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PausedAt,
    string? PauseReason,
    DateTimeOffset? LastPostAt,
    int? MinVerdict = null)
{
    public bool IsPaused => PausedAt is not null;
}

/// <summary>A subscription as /subscriptions shows it: with how delivery went.</summary>
public sealed record SubscriptionStatus(Subscription Subscription, int PendingCount, int FailedCount);

/// <summary>What a new subscription asks for.</summary>
public sealed record NewSubscription(
    ulong GuildId,
    ulong ChannelId,
    ChannelKind Kind,
    long? ShowId,
    ulong? RoleId,
    ulong? CreatedBy,
    int? MinVerdict = null)
{
    public const int LowestMinVerdict = 1;

    public const int HighestMinVerdict = 10;
}

public enum SubscribeOutcome
{
    Created,

    /// <summary>The channel already has a subscription for this show (or for every show).</summary>
    Duplicate,

    /// <summary>The server reached <see cref="SubscriptionStore.MaxPerGuild"/>.</summary>
    LimitReached,

    /// <summary>Another /subscribe holds the place of the same channel and show while it posts its note.</summary>
    InProgress,

    /// <summary>The place is held (<see cref="SubscriptionStore.ReserveAsync"/>); nothing is saved yet.</summary>
    Reserved,
}

public sealed record SubscribeResult(SubscribeOutcome Outcome, Subscription? Subscription);

/// <summary>A place held for <see cref="Request"/> while /subscribe posts its note.</summary>
public sealed record SubscriptionReservation(long Id, NewSubscription Request);

/// <summary>
/// <see cref="SubscribeOutcome.Reserved"/> with the <see cref="Reservation"/>, or the refusal (for a
/// duplicate, with the <see cref="Existing"/> subscription).
/// </summary>
public sealed record ReserveResult(SubscribeOutcome Outcome, SubscriptionReservation? Reservation, Subscription? Existing);

/// <summary>
/// What /unsubscribe removed, or that it removed nothing because a Resume of the channel is posting
/// its note (<see cref="SubscriptionResumes"/>).
/// </summary>
public sealed record UnsubscribeResult(int Removed, bool ResumeInProgress);
