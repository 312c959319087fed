using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Core.Tests.Subscriptions;

/// <summary>Reviews of other shows and seasons made from the sample, and subscriptions with unique ids.</summary>
internal static class SubscriptionTestData
{
    public const ulong Guild = 900_000_000_000_000_001;

    private static long _next = 910_000_000_000_000_000;

    public static ulong NewChannel() => (ulong)Interlocked.Increment(ref _next);

    public static string Review(string show = "Metallic Rouge", int season = 1) =>
        TestDatabase.SampleText
            .Replace("Metallic Rouge", show, StringComparison.Ordinal)
            .Replace("Season 1", $"Season {season}", StringComparison.Ordinal);

    public static NewSubscription Subscription(ulong channel, long? showId = null, ulong? role = null, ulong guild = Guild, ChannelKind kind = ChannelKind.Text) =>
        new(guild, channel, kind, showId, role, CreatedBy: 42);

    public static async Task<Subscription> SubscribeAsync(this TestDatabase db, ulong channel, long? showId = null, ulong? role = null, ulong guild = Guild)
    {
        var result = await db.Get<SubscriptionStore>().AddAsync(Subscription(channel, showId, role, guild), CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, result.Outcome);
        return result.Subscription!;
    }

    /// <summary>
    /// Every announcement row, oldest first, read in this one place: tests state facts about them
    /// (status, reason, whom they are for) with LINQ, so a renamed column or a changed encoding is
    /// fixed here and not in each assertion.
    /// </summary>
    public static async Task<IReadOnlyList<AnnouncementRow>> AnnouncementsAsync(this TestDatabase db)
    {
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT id, subscription_id, review_id, role_id, status, reason, attempts, message_id, sent_at, needs_edit FROM announcements ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AnnouncementRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AnnouncementRow(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : SnowflakeColumn.FromDb(reader.GetInt64(3)),
                Enum.Parse<AnnouncementStatus>(reader.GetString(4), ignoreCase: true),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : SnowflakeColumn.FromDb(reader.GetInt64(7)),
                DbTime.ParseOrNull(reader.IsDBNull(8) ? null : reader.GetString(8)),
                reader.GetInt64(9) != 0));
        }

        return rows;
    }

    /// <summary>The id of the show with this slug.</summary>
    public static async Task<long> ShowIdAsync(this TestDatabase db, string? slug) =>
        (await db.Get<ShowStore>().GetAllAsync(CancellationToken.None)).Single(s => s.Slug == slug).Id;

    /// <summary>The server's subscriptions as /subscriptions lists them.</summary>
    public static async Task<IReadOnlyList<Subscription>> SubscriptionsAsync(this TestDatabase db, ulong guild = Guild) =>
        (await db.Get<SubscriptionStore>().ListAsync(guild, CancellationToken.None)).Select(s => s.Subscription).ToList();
}

/// <summary>One row of the announcements table, as the tests read it.</summary>
internal sealed record AnnouncementRow(
    long Id,
    long? SubscriptionId,
    long ReviewId,
    ulong? RoleId,
    AnnouncementStatus Status,
    string? Reason,
    int Attempts,
    ulong? MessageId,
    DateTimeOffset? SentAt,
    bool NeedsEdit);
