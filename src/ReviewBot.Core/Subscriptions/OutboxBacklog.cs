using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// What waits in the outbox: every pending announcement, and how long the oldest one that could be
/// delivered has waited. Announcements for a paused subscription wait for an admin, not for the
/// worker, so they count as pending but not towards the age.
/// </summary>
public sealed record OutboxBacklog(int Pending, TimeSpan? OldestDeliverableAge);

public sealed class OutboxBacklogQuery(ReviewDatabase connections, TimeProvider time)
{
    private const string Sql =
        """
        SELECT
            (SELECT COUNT(*) FROM announcements WHERE status = 'pending'),
            (SELECT MIN(a.created_at) FROM announcements a
               LEFT JOIN subscriptions s ON s.id = a.subscription_id
              WHERE a.status = 'pending' AND s.paused_at IS NULL)
        """;

    public async Task<OutboxBacklog> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return From((await ParameterlessQuery.ReadAsync(connection, Sql, ReadRow, cancellationToken)).Single());
    }

    /// <summary>Synchronous, for observable gauges, whose callbacks cannot await.</summary>
    public OutboxBacklog Read()
    {
        using var connection = connections.OpenForRead();
        return From(ParameterlessQuery.Read(connection, Sql, ReadRow).Single());
    }

    private static (long Pending, string? Oldest) ReadRow(System.Data.Common.DbDataReader reader) =>
        (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));

    private OutboxBacklog From((long Pending, string? Oldest) row)
    {
        var age = DbTime.ParseOrNull(row.Oldest) is { } oldest ? time.GetUtcNow() - oldest : (TimeSpan?)null;
        return new OutboxBacklog((int)row.Pending, age is { } a && a < TimeSpan.Zero ? TimeSpan.Zero : age);
    }
}
