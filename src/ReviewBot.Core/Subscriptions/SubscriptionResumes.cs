using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// Resuming a paused channel (the Resume button): the bot proves it can post there again with a note
/// ("Review announcements resumed."), and a note cannot be taken back. So the resume is held first, in
/// one write transaction that checks the subscription is still there and still paused; while it is
/// held, an /unsubscribe of the channel and a second Resume are told it is under way (in any process),
/// so the note never stands in a channel whose subscriptions were removed meanwhile. The hold becomes
/// the resume with <see cref="CompleteAsync"/>, or is given back with <see cref="ReleaseAsync"/>.
/// </summary>
public sealed class SubscriptionResumes(ReviewDatabase connections, TimeProvider time)
{
    /// <summary>Holds the resume of <paramref name="subscriptionId"/>'s channel, or says why it cannot be resumed now.</summary>
    public async Task<ResumeStart> BeginAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        // A hold older than an interaction can live belongs to a Resume that died on the way (a crash, a restart).
        await ExpiredHolds.ReleaseAsync(connection, transaction, time.GetUtcNow(), cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PausedRow>(
            "SELECT channel_id AS ChannelId, paused_at AS PausedAt FROM subscriptions WHERE id = @id",
            new { id = subscriptionId, cancellationToken }, transaction);
        if (row is null)
        {
            return new ResumeStart(ResumeOutcome.Gone, null);
        }

        if (row.PausedAt is null)
        {
            return new ResumeStart(ResumeOutcome.AlreadyActive, null);
        }

        var underWay = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM subscription_resumptions WHERE channel_id = @channel",
            new { channel = row.ChannelId, cancellationToken }, transaction);
        if (underWay > 0)
        {
            return new ResumeStart(ResumeOutcome.InProgress, null);
        }

        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO subscription_resumptions (channel_id, started_at) VALUES (@channel, @now) RETURNING id",
            new { channel = row.ChannelId, now = DbTime.Format(time.GetUtcNow()), cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ResumeStart(ResumeOutcome.Held, new ResumeHold(id, SnowflakeColumn.FromDb(row.ChannelId)));
    }

    /// <summary>
    /// Resumes the held channel's subscriptions (the note is posted) and lets the hold go; returns how
    /// many were resumed. A hold that outlived its time and was dropped resumes what is still paused there.
    /// </summary>
    public async Task<int> CompleteAsync(ResumeHold hold, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync("DELETE FROM subscription_resumptions WHERE id = @id", new { id = hold.Id, cancellationToken }, transaction);
        var resumed = await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET paused_at = NULL, pause_reason = NULL, notice_sent_at = NULL, notice_claimed_at = NULL
            WHERE channel_id = @channel AND paused_at IS NOT NULL
            """,
            new { channel = SnowflakeColumn.ToDb(hold.ChannelId), cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return resumed;
    }

    /// <summary>Gives the hold back (Discord refused the note): the channel stays paused, and may be unsubscribed.</summary>
    public async Task ReleaseAsync(ResumeHold hold, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM subscription_resumptions WHERE id = @id", new { id = hold.Id, cancellationToken });
    }

    /// <summary>Settable properties: Dapper.AOT reads named row types, not tuples.</summary>
    internal sealed class PausedRow
    {
        public long ChannelId { get; set; }

        public string? PausedAt { get; set; }
    }
}

public enum ResumeOutcome
{
    /// <summary>The resume is held (<see cref="SubscriptionResumes.BeginAsync"/>); nothing is resumed yet.</summary>
    Held,

    /// <summary>The subscription no longer exists.</summary>
    Gone,

    /// <summary>The subscription is not paused.</summary>
    AlreadyActive,

    /// <summary>Another Resume of the same channel is posting its note.</summary>
    InProgress,
}

/// <summary>A resume held for <see cref="ChannelId"/> while its note is posted.</summary>
public sealed record ResumeHold(long Id, ulong ChannelId);

/// <summary><see cref="ResumeOutcome.Held"/> with the <see cref="Hold"/>, or why the channel cannot be resumed now.</summary>
public sealed record ResumeStart(ResumeOutcome Outcome, ResumeHold? Hold);
