using System.Data.Common;
using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// The holds taken while a note that cannot be taken back is posted: a place for a subscription
/// (/subscribe, <c>subscription_reservations</c>) and a Resume of a paused channel
/// (<c>subscription_resumptions</c>). A hold older than <see cref="SubscriptionStore.ReservationLifetime"/>
/// belongs to a command that died on the way (a crash, a restart) and will neither complete nor give it
/// back, so every check that counts holds lets those go first, by this one rule.
/// </summary>
internal static class ExpiredHolds
{
    /// <summary>Deletes the expired holds of both kinds, in the caller's write transaction.</summary>
    public static async Task ReleaseAsync(DbConnection connection, DbTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = DbTime.Format(now - SubscriptionStore.ReservationLifetime);
        await connection.ExecuteAsync(
            "DELETE FROM subscription_reservations WHERE reserved_at < @expired", new { expired, cancellationToken }, transaction);
        await connection.ExecuteAsync(
            "DELETE FROM subscription_resumptions WHERE started_at < @expired", new { expired, cancellationToken }, transaction);
    }
}
