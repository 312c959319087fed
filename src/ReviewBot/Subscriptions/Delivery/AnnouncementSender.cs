using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Delivers one announcement (a post, or an edit in place) and records the outcome. The row leaves
/// "pending" only after Discord's answer is stored; a crash before that resends with the same nonce.
/// </summary>
public sealed class AnnouncementSender(
    DiscordRestClient discord,
    AnnouncementStore announcements,
    SubscriptionStore subscriptions,
    AnnouncementBodies bodies,
    PauseNotifier notifier,
    DeliveryBackoff backoff,
    TimeProvider time,
    ILogger<AnnouncementSender> logger)
{
    /// <summary>How many pages of 100 archived threads a search for an earlier attempt's post reads at most.</summary>
    private const int ArchivedPagesSearched = 5;

    /// <summary>True when the channel's next announcement may follow; false when the channel must wait (retry or pause).</summary>
    /// <param name="sent">
    /// When given, a confirmed channel message is recorded through it (batched, flushed by the caller);
    /// otherwise at once. Forum posts and edits are always recorded at once.
    /// </param>
    public async Task<bool> DeliverAsync(AnnouncementWork work, AnnouncementContent? review, CancellationToken cancellationToken, SentMarkBuffer? sent = null)
    {
        if (review is null)
        {
            // The review was deleted after the row was read (deleting it cascades to the row as well).
            return true;
        }

        var channel = new Snowflake(work.ChannelId);
        try
        {
            if (work.IsEdit)
            {
                await EditAsync(work, review, cancellationToken);
                await announcements.MarkEditedAsync(work, null, cancellationToken);
                logger.LogInformation("Edited announcement of review {ReviewId} in {ChannelId} (subscription {SubscriptionId})", work.ReviewId, work.ChannelId, work.SubscriptionId);
            }
            else if (work.Kind == ChannelKind.Forum)
            {
                var title = AnnouncementRenderer.ThreadName(review);
                if (work.SendStartedAt is { } started && await FindForumPostAsync(work, work.SendStartedName ?? title, started, cancellationToken) is { } found)
                {
                    // An earlier attempt created it and its answer was lost (a crash, a timeout): record, don't
                    // repost; it shows the review as that attempt read it, so it is edited next if that changed.
                    logger.LogInformation("Found the forum post {ThreadId} of review {ReviewId} in {ChannelId} from an earlier attempt; recorded it instead of posting again",
                        found.Id, work.ReviewId, work.ChannelId);
                    await announcements.MarkFoundAsync(work, found.Id.Value, found.Id.Value, cancellationToken);
                    return true;
                }

                // Forum posts take no nonce: note the attempt (and the title it posts) first, so the next one looks before posting.
                await announcements.MarkSendStartedAsync(work, title, review.ContentHash, cancellationToken);
                var thread = await ChartFallback.SendAsync(
                    withChart => discord.CreateForumThreadAsync(channel, bodies.Get(review, work.RoleId, withChart).ForumPost.Value, cancellationToken));
                // A forum post's starter message has the thread's id.
                await announcements.MarkSentAsync(work, thread.Id, thread.Message?.Id ?? thread.Id, review.ContentHash, cancellationToken);
            }
            else
            {
                var nonce = MessageNonce.ForAnnouncement(work.ReviewId, work.SubscriptionId);
                var message = await ChartFallback.SendAsync(
                    withChart => discord.CreateMessageAsync(channel, bodies.Get(review, work.RoleId, withChart).Message, nonce, cancellationToken));
                if (sent is not null)
                {
                    await sent.AddAsync(new SentAnnouncement(work, work.ChannelId, message.Id, review.ContentHash), cancellationToken);
                }
                else
                {
                    await announcements.MarkSentAsync(work, work.ChannelId, message.Id, review.ContentHash, cancellationToken);
                }
            }

            return true;
        }
        catch (DiscordRestException error) when (!cancellationToken.IsCancellationRequested)
        {
            return await HandleFailureAsync(work, DeliveryFailure.Classify(error, work), cancellationToken);
        }
    }

    /// <summary>
    /// Edits the posted message in place. A forum post nobody wrote in for its auto-archive duration (an
    /// hour at the least) is archived, and Discord edits no message in an archived thread: the post is
    /// reopened, as a member's reply would reopen it, and edited; it archives again after its duration.
    /// </summary>
    private async Task EditAsync(AnnouncementWork work, AnnouncementContent review, CancellationToken cancellationToken)
    {
        var messageChannel = new Snowflake(work.MessageChannelId!.Value);
        Task<PostedMessage> Edit() => ChartFallback.SendAsync(
            withChart => discord.EditMessageAsync(messageChannel, new Snowflake(work.MessageId!.Value), bodies.Get(review, work.RoleId, withChart).Message, cancellationToken));
        try
        {
            await Edit();
        }
        catch (DiscordRestException error) when (DeliveryFailure.IsArchivedPost(error, work))
        {
            logger.LogInformation("The forum post {ThreadId} of review {ReviewId} in {ChannelId} is archived; reopening it to edit it", messageChannel, work.ReviewId, work.ChannelId);
            await discord.UnarchiveThreadAsync(messageChannel, cancellationToken);
            await Edit();
        }
    }

    /// <summary>
    /// The forum post an earlier attempt may have created: a thread of this forum with the post's title,
    /// created after that attempt started (a minute's grace for clock skew between us and Discord).
    /// Looked for among the server's active threads, then, since a post nobody wrote in is archived
    /// after its auto-archive duration (an hour at the least) while the bot may have been down longer,
    /// among the forum's archived ones back to when the attempt started, a few pages at most.
    /// </summary>
    private async Task<Channel?> FindForumPostAsync(AnnouncementWork work, string title, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var since = started - TimeSpan.FromMinutes(1);
        var active = await discord.ListActiveGuildThreadsAsync(new Snowflake(work.GuildId), cancellationToken);
        if (Earliest(active.Threads) is { } found)
        {
            return found;
        }

        DateTimeOffset? before = null;
        for (var page = 0; page < ArchivedPagesSearched; page++)
        {
            var archived = await discord.ListPublicArchivedThreadsAsync(new Snowflake(work.ChannelId), before, 100, cancellationToken);
            if (Earliest(archived.Threads) is { } archivedPost)
            {
                return archivedPost;
            }

            // Most recently archived first: a thread archived before the attempt started cannot be its post.
            before = archived.Threads.Count > 0 ? archived.Threads[^1].ThreadMetadata?.ArchiveTimestamp : null;
            if (!archived.HasMore || before is null || before < since)
            {
                break;
            }
        }

        return null;

        Channel? Earliest(IEnumerable<Channel> threads) => threads
            .Where(t => t.ParentId?.Value == work.ChannelId && t.Name == title && t.Id.CreatedAt >= since)
            .OrderBy(t => t.Id.Value)
            .FirstOrDefault();
    }

    private async Task<bool> HandleFailureAsync(AnnouncementWork work, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        switch (failure.Kind)
        {
            case DeliveryFailureKind.PauseChannel:
                logger.LogWarning("Pausing announcements in {ChannelId} of guild {GuildId} (review {ReviewId}): {Reason}", work.ChannelId, work.GuildId, work.ReviewId, failure.Reason);
                await subscriptions.PauseChannelAsync(work.ChannelId, failure.Reason, cancellationToken);
                await announcements.NoteWaitingAsync(work, "channel paused: " + failure.Reason, cancellationToken);
                await notifier.NotifyAsync(work.GuildId, cancellationToken);
                return false;

            case DeliveryFailureKind.Retry:
                var now = time.GetUtcNow();
                if (backoff.Next(work.Attempts + 1, work.FirstAttemptAt ?? now, now) is { } next)
                {
                    logger.LogWarning("Announcement of review {ReviewId} in {ChannelId} will be retried at {NextAttemptAt}: {Reason}", work.ReviewId, work.ChannelId, next, failure.Reason);
                    await announcements.ScheduleRetryAsync(work, next, failure.Reason, cancellationToken);
                    return false;
                }

                logger.LogError("Announcement of review {ReviewId} in {ChannelId} failed after retrying for {GiveUpAfter}: {Reason}", work.ReviewId, work.ChannelId, backoff.GiveUpAfter, failure.Reason);
                await announcements.MarkFailedAsync(work, failure.Reason, cancellationToken);
                return true;

            case DeliveryFailureKind.MessageGone:
                await announcements.MarkEditedAsync(work, failure.Reason, cancellationToken);
                return true;

            default:
                logger.LogError("Announcement of review {ReviewId} in {ChannelId} failed: {Reason}", work.ReviewId, work.ChannelId, failure.Reason);
                await announcements.MarkFailedAsync(work, failure.Reason, cancellationToken);
                return true;
        }
    }
}
