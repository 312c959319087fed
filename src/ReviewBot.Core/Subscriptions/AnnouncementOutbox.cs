using Dapper;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// The outbox's writing half. Runs inside the review's save transaction, so an announcement exists
/// exactly when its review does: a rollback leaves neither, so a crash, a 429 or an outage can delay
/// an announcement but never lose it or send it twice.
/// </summary>
public sealed class AnnouncementOutbox(AnnouncementSignal signal, TimeProvider time, ILogger<AnnouncementOutbox> logger) : IReviewSaveParticipant
{
    public async Task OnSavedAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int changed;
        if (saved.Created)
        {
            if (!saved.Announce)
            {
                // import --no-announce and a feed's first poll: stored, never announced.
                return;
            }

            changed = await QueueAsync(connection, transaction, saved, now, cancellationToken);
            logger.LogDebug("Queued {Count} announcements of review {ReviewId}", changed, saved.ReviewId);
        }
        else
        {
            await KeepPublicationOrderAsync(connection, transaction, saved, now, cancellationToken);
            if (!saved.VerdictChanged && !saved.EpisodeScoresChanged)
            {
                return; // other edits change nothing in Discord
            }

            var queued = saved.VerdictChanged
                ? await WithheldAnnouncements.ApplyVerdictChangeAsync(
                    connection, transaction, saved.ReviewId, WithheldAnnouncements.OutOfTen(saved.Review.Verdict),
                    DbTime.Format(saved.Review.Published ?? now), DbTime.Format(now), cancellationToken)
                : 0;

            // Posted announcements show the verdict and scores, so they are edited in place; pending
            // ones render the current review when sent and need nothing.
            changed = await connection.ExecuteAsync(
                """
                UPDATE announcements SET needs_edit = 1, attempts = 0, first_attempt_at = NULL, next_attempt_at = @now, updated_at = @now
                WHERE review_id = @review AND status = 'sent' AND message_id IS NOT NULL
                """,
                new { review = saved.ReviewId, now = DbTime.Format(now), cancellationToken }, transaction);
            logger.LogDebug("Marked {Count} announcements of review {ReviewId} for an edit; queued {Queued} that now meet a minimum verdict", changed, saved.ReviewId, queued);
            changed += queued;
        }

        if (changed > 0)
        {
            // Before commit: if the worker looks too early it finds nothing and its next poll does.
            signal.Notify();
        }
    }

    /// <summary>
    /// A channel gets its reviews in publication order: an announcement still waiting (a paused channel,
    /// a retry) moves to where a corrected publication date puts it. Posted ones stay where they are.
    /// </summary>
    private static async Task KeepPublicationOrderAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (saved.Review.Published is not { } published)
        {
            return; // the order key of a review without a date is when it was stored, which an edit does not change
        }

        await connection.ExecuteAsync(
            "UPDATE announcements SET order_key = @orderKey, updated_at = @now WHERE review_id = @review AND status = 'pending' AND order_key <> @orderKey",
            new { review = saved.ReviewId, orderKey = DbTime.Format(published), now = DbTime.Format(now), cancellationToken }, transaction);
    }

    private static async Task<int> QueueAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var published = saved.Review.Published;
        // Only reviews published after a subscription was created reach it: a new subscription or an
        // archive import never floods a channel. A date without a time counts as that whole day.
        // Paused subscriptions are included: their announcements wait (the worker skips paused
        // channels) and follow in order after Resume, instead of being lost without a trace while an
        // admin fixes a permission; removing the subscription cancels them with the reason.
        var eligibleAt = published is { } p
            ? (p.UtcDateTime.TimeOfDay == TimeSpan.Zero ? p.AddDays(1).AddTicks(-1) : p)
            : now;
        var verdict = WithheldAnnouncements.OutOfTen(saved.Review.Verdict);
        var queued = await connection.ExecuteAsync(
            """
            INSERT INTO announcements (subscription_id, review_id, guild_id, channel_id, channel_kind, role_id, order_key,
                                       status, next_attempt_at, created_at, updated_at)
            SELECT s.id, @review, s.guild_id, s.channel_id, s.channel_kind, s.role_id, @orderKey, 'pending', @now, @now, @now
            FROM subscriptions s
            WHERE (s.show_id IS NULL OR s.show_id = @show) AND s.created_at < @eligibleAt
              AND (s.min_verdict IS NULL OR @verdict >= s.min_verdict)
            -- A channel with a per-show and an all-shows subscription gets the review once, under the
            -- per-show one (it may carry a role).
            ORDER BY s.show_id IS NULL, s.id
            ON CONFLICT (review_id, channel_id) DO NOTHING
            """,
            new
            {
                review = saved.ReviewId,
                show = saved.ShowId,
                orderKey = DbTime.Format(published ?? now),
                eligibleAt = DbTime.Format(eligibleAt),
                now = DbTime.Format(now),
                verdict,
                cancellationToken,
            }, transaction);
        await WithheldAnnouncements.WithholdNewAsync(
            connection, transaction, saved.ReviewId, saved.ShowId, verdict, DbTime.Format(eligibleAt), DbTime.Format(now), cancellationToken);
        return queued;
    }
}
