using System.Data.Common;
using System.Globalization;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Tests.Announcements;

/// <summary>One announcement as stored, read through <see cref="AnnouncementRows.ReadAsync"/> so tests state facts, not SQL.</summary>
internal sealed record AnnouncementRow(
    long Id,
    long? SubscriptionId,
    long ReviewId,
    AnnouncementStatus Status,
    string? Reason,
    int Attempts,
    ulong ChannelId,
    ulong? MessageId,
    ulong? MessageChannelId,
    bool NeedsEdit);

/// <summary>The one SELECT the host tests read announcements with; a schema change is fixed here, not in every test.</summary>
internal static class AnnouncementRows
{
    public static async Task<IReadOnlyList<AnnouncementRow>> AnnouncementsAsync(this AnnouncementHarness harness)
    {
        await using var connection = await harness.Get<ReviewDatabase>().OpenAsync(CancellationToken.None);
        return await ReadAsync(connection);
    }

    /// <summary>How many stored announcements match; the fact a test states, in the code's own terms.</summary>
    public static async Task<int> CountAnnouncementsAsync(this AnnouncementHarness harness, Func<AnnouncementRow, bool> where) =>
        (await harness.AnnouncementsAsync()).Count(where);

    public static async Task<IReadOnlyList<AnnouncementRow>> ReadAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, subscription_id, review_id, status, reason, attempts, channel_id, message_id, message_channel_id, needs_edit FROM announcements ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AnnouncementRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AnnouncementRow(
                Int64(reader, 0)!.Value,
                Int64(reader, 1),
                Int64(reader, 2)!.Value,
                Enum.Parse<AnnouncementStatus>(reader.GetString(3), ignoreCase: true),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                (int)Int64(reader, 5)!.Value,
                Snowflake(reader, 6)!.Value,
                Snowflake(reader, 7),
                Snowflake(reader, 8),
                Convert.ToBoolean(reader.GetValue(9), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static long? Int64(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static ulong? Snowflake(DbDataReader reader, int ordinal) => Int64(reader, ordinal) is { } value ? checked((ulong)value) : null;
}
