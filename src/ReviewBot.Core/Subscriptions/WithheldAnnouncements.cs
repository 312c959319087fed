using Dapper;
using System.Data.Common;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// A subscription's minimum verdict, inside the review's save transaction. A new review below a
/// subscription's minimum is not queued there but remembered as withheld; an edit that raises the
/// verdict to the minimum queues it from there, once; an edit that lowers it below takes back an
/// announcement still waiting (cancelled with <see cref="BelowMinimumReason"/>, withheld again).
/// Posted messages are never taken back: they are edited in place like any verdict change.
/// </summary>
internal static class WithheldAnnouncements
{
    public const string BelowMinimumReason = "the verdict fell below the subscription's minimum before it was posted";

    /// <summary>The verdict on a 10-point scale (4/5 is 8), rounded so 3.5/5 compares as exactly 7; null without one.</summary>
    public static double? OutOfTen(Score? verdict) =>
        verdict is { Scale: > 0 } v ? Math.Round(v.Value * 10 / v.Scale, 6) : null;

    /// <summary>For a new review: the subscriptions it reaches except for their minimum (same show and time rules as the outbox).</summary>
    public static Task<int> WithholdNewAsync(
        DbConnection connection, DbTransaction transaction, long reviewId, long showId, double? verdict, string eligibleAt, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            INSERT INTO withheld_announcements (review_id, subscription_id, created_at)
            SELECT @review, s.id, @now FROM subscriptions s
            WHERE (s.show_id IS NULL OR s.show_id = @show) AND s.created_at < @eligibleAt
              AND s.min_verdict IS NOT NULL AND (@verdict IS NULL OR @verdict < s.min_verdict)
            ON CONFLICT DO NOTHING
            """,
            new { review = reviewId, show = showId, verdict, eligibleAt, now, cancellationToken }, transaction);

    /// <summary>After a verdict edit: withholds what now falls short and queues what now qualifies. Returns the rows queued.</summary>
    public static async Task<int> ApplyVerdictChangeAsync(
        DbConnection connection, DbTransaction transaction, long reviewId, double? verdict, string orderKey, string now, CancellationToken cancellationToken)
    {
        var args = new { review = reviewId, verdict, orderKey, now, reason = BelowMinimumReason, cancellationToken };
        await connection.ExecuteAsync(
            """
            INSERT INTO withheld_announcements (review_id, subscription_id, created_at)
            SELECT a.review_id, a.subscription_id, @now FROM announcements a JOIN subscriptions s ON s.id = a.subscription_id
            WHERE a.review_id = @review AND a.status = 'pending' AND s.min_verdict IS NOT NULL AND (@verdict IS NULL OR @verdict < s.min_verdict)
            ON CONFLICT DO NOTHING
            """,
            args, transaction);
        await connection.ExecuteAsync(
            """
            UPDATE announcements SET status = 'cancelled', reason = @reason, updated_at = @now
            WHERE review_id = @review AND status = 'pending'
              AND subscription_id IN (SELECT id FROM subscriptions WHERE min_verdict IS NOT NULL AND (@verdict IS NULL OR @verdict < min_verdict))
            """,
            args, transaction);

        // A channel holds a review once: a row cancelled above comes back to pending; one sent, failed or
        // cancelled for another reason (an unsubscribe) stays as it is.
        var queued = await connection.ExecuteAsync(
            """
            INSERT INTO announcements (subscription_id, review_id, guild_id, channel_id, channel_kind, role_id, order_key,
                                       status, next_attempt_at, created_at, updated_at)
            SELECT s.id, @review, s.guild_id, s.channel_id, s.channel_kind, s.role_id, @orderKey, 'pending', @now, @now, @now
            FROM withheld_announcements w JOIN subscriptions s ON s.id = w.subscription_id
            WHERE w.review_id = @review AND @verdict >= s.min_verdict
            ORDER BY s.show_id IS NULL, s.id
            ON CONFLICT (review_id, channel_id) DO UPDATE SET
                status = 'pending', reason = NULL, subscription_id = excluded.subscription_id, role_id = excluded.role_id,
                attempts = 0, first_attempt_at = NULL, next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
            WHERE announcements.status = 'cancelled' AND announcements.reason = @reason
            """,
            args, transaction);
        await connection.ExecuteAsync(
            """
            DELETE FROM withheld_announcements
            WHERE review_id = @review AND subscription_id IN (SELECT id FROM subscriptions WHERE @verdict >= min_verdict)
            """,
            args, transaction);
        return queued;
    }
}
