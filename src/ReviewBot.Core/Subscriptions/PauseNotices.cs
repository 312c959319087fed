using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// Telling a server, once per pause, that announcements in one of its channels stopped. The telling is
/// claimed before the notice is posted, so two processes telling at once (the deliverer when Discord
/// refuses, a gateway's GUILD_CREATE) post it once; the claim is confirmed once the notice is posted and
/// otherwise expires after <see cref="ClaimLifetime"/>, so a telling cut short (the process stopped,
/// Discord failed the post) is left to a later pass instead of being lost.
/// </summary>
public sealed class PauseNotices(ReviewDatabase connections, TimeProvider time)
{
    /// <summary>
    /// How long a claim (<see cref="ClaimAsync"/>) keeps others from telling. Telling takes one
    /// create-message call (three tries of at most 30 s each, plus rate-limit waits), far less than
    /// this; a claim still unconfirmed after it belongs to a process that stopped or a post that failed.
    /// </summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Paused subscriptions of a server whose pause the server has not been told about yet, and that no
    /// one is telling now (a claim younger than <see cref="ClaimLifetime"/>).
    /// </summary>
    public async Task<IReadOnlyList<Subscription>> GetUntoldAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionStore.SubscriptionRow>(
            SubscriptionStore.Select + """
             WHERE s.guild_id = @guild AND s.paused_at IS NOT NULL AND s.notice_sent_at IS NULL
               AND (s.notice_claimed_at IS NULL OR s.notice_claimed_at < @expired)
             ORDER BY s.id
            """,
            new { guild = SnowflakeColumn.ToDb(guildId), expired = ExpiredClaims(), cancellationToken });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The servers with a pause still to tell that no one is telling now (see <see cref="GetUntoldAsync"/>).</summary>
    public async Task<IReadOnlyList<ulong>> GetGuildsWithUntoldAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var guilds = await connection.QueryAsync<long>(
            """
            SELECT DISTINCT guild_id FROM subscriptions
            WHERE paused_at IS NOT NULL AND notice_sent_at IS NULL AND (notice_claimed_at IS NULL OR notice_claimed_at < @expired)
            ORDER BY guild_id
            """,
            new { expired = ExpiredClaims(), cancellationToken });
        return guilds.Select(g => SnowflakeColumn.FromDb(g)).ToList();
    }

    /// <summary>
    /// Claims the telling of the channel's pause: the claim for the one caller that takes it, null when
    /// another (in this process or another) holds it or the server was told. The claim counts until it is
    /// confirmed (<see cref="ConfirmAsync"/>) or for <see cref="ClaimLifetime"/>.
    /// </summary>
    public async Task<PauseNoticeClaim?> ClaimAsync(ulong channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var claimedAt = DbTime.Format(time.GetUtcNow());
        var claimed = await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET notice_claimed_at = @now
            WHERE channel_id = @channel AND paused_at IS NOT NULL AND notice_sent_at IS NULL
              AND (notice_claimed_at IS NULL OR notice_claimed_at < @expired)
            """,
            new { channel = SnowflakeColumn.ToDb(channelId), now = claimedAt, expired = ExpiredClaims(), cancellationToken });
        return claimed > 0 ? new PauseNoticeClaim(channelId, claimedAt) : null;
    }

    /// <summary>
    /// Marks the claimed pause told (the notice is posted, or Discord refused it for good and retrying
    /// would only add invalid requests). A claim that expired and was taken by another confirms nothing:
    /// the one that took it confirms its own.
    /// </summary>
    public async Task ConfirmAsync(PauseNoticeClaim claim, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET notice_sent_at = @now, notice_claimed_at = NULL
            WHERE channel_id = @channel AND paused_at IS NOT NULL AND notice_sent_at IS NULL AND notice_claimed_at = @claimedAt
            """,
            new { channel = SnowflakeColumn.ToDb(claim.ChannelId), claimedAt = claim.ClaimedAt, now = DbTime.Format(time.GetUtcNow()), cancellationToken });
    }

    private string ExpiredClaims() => DbTime.Format(time.GetUtcNow() - ClaimLifetime);
}

/// <summary>
/// A claim on telling the server about <see cref="ChannelId"/>'s pause (<see cref="PauseNotices.ClaimAsync"/>);
/// <see cref="ClaimedAt"/>, as stored, tells this claim from a later one taken after it expired.
/// </summary>
public sealed record PauseNoticeClaim(ulong ChannelId, string ClaimedAt);
