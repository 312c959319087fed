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

    public static Task<long> CountAnnouncementsAsync(this TestDatabase db, string where = "1 = 1") =>
        db.ScalarAsync($"SELECT COUNT(*) FROM announcements WHERE {where}");
}
