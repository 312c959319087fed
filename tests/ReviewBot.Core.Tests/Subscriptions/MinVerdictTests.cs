using ReviewBot.Core.Storage;
using ReviewBot.Core.Import;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

/// <summary>/subscribe min_verdict in the outbox: what is queued, withheld, and what an edit across the minimum does.</summary>
public abstract class MinVerdictTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Import_ReviewBelowAMinimum_IsQueuedOnlyWhereItQualifies()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var every = await db.SubscribeAsync(NewChannel());
        var strict = await SubscribeWithMinimumAsync(db, 8);
        var lenient = await SubscribeWithMinimumAsync(db, 6);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await db.ImportAsync(WithVerdict("6/10"));

        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == every.Id));
        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == lenient.Id));
        Assert.Equal(0, await CountAsync(db, a => a.SubscriptionId == strict.Id));
        Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM withheld_announcements WHERE subscription_id = {strict.Id} AND review_id = {result.ReviewId}"));
    }

    [Fact]
    public async Task Import_VerdictOnAnotherScale_IsComparedOutOfTen()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var eight = await SubscribeWithMinimumAsync(db, 8);
        var nine = await SubscribeWithMinimumAsync(db, 9);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        await db.ImportAsync(WithVerdict("4/5"));

        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == eight.Id));
        Assert.Equal(0, await CountAsync(db, a => a.SubscriptionId == nine.Id));
    }

    [Fact]
    public async Task Edit_RaisingTheVerdictToTheMinimum_QueuesTheAnnouncementOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var strict = await SubscribeWithMinimumAsync(db, 8);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(WithVerdict("6/10"));

        await db.ImportAsync(WithVerdict("9/10"));
        await db.ImportAsync(WithVerdict("8/10"));

        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == strict.Id && a.Status == AnnouncementStatus.Pending));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM withheld_announcements"));
    }

    [Fact]
    public async Task Edit_RaisingTheVerdictOfAReviewStoredWithoutAnnouncing_AnnouncesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var strict = await SubscribeWithMinimumAsync(db, 8);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(WithVerdict("6/10"), announce: false);

        await db.ImportAsync(WithVerdict("9/10"));

        Assert.Equal(0, await CountAsync(db, a => a.SubscriptionId == strict.Id));
    }

    [Fact]
    public async Task Edit_LoweringTheVerdictBeforePosting_CancelsWithAReasonAndRaisingItAgainRequeues()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var strict = await SubscribeWithMinimumAsync(db, 8);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(WithVerdict("9/10"));

        await db.ImportAsync(WithVerdict("5/10"));

        Assert.Equal(1, await CountAsync(db, 
            a => a.SubscriptionId == strict.Id && a.Status == AnnouncementStatus.Cancelled
                && a.Reason == "the verdict fell below the subscription's minimum before it was posted"));

        await db.ImportAsync(WithVerdict("8/10"));

        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == strict.Id && a.Status == AnnouncementStatus.Pending && a.Reason is null));
        Assert.Single(await db.AnnouncementsAsync());
    }

    [Fact]
    public async Task Edit_LoweringTheVerdictAfterPosting_KeepsThePostAndMarksItForAnEdit()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var strict = await SubscribeWithMinimumAsync(db, 8);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(WithVerdict("9/10"));
        await using (var connection = await db.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE announcements SET status = 'sent', message_id = 5, message_channel_id = channel_id";
            await command.ExecuteNonQueryAsync();
        }

        await db.ImportAsync(WithVerdict("5/10"));

        Assert.Equal(1, await CountAsync(db, a => a.SubscriptionId == strict.Id && a.Status == AnnouncementStatus.Sent && a.NeedsEdit));
    }

    [Fact]
    public async Task Add_MinimumOutsideOneToTen_IsRefusedAndNothingIsStored()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            db.Get<SubscriptionStore>().AddAsync(Subscription(NewChannel()) with { MinVerdict = 11 }, CancellationToken.None));

        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task SetMinVerdict_ExistingSubscription_IsStoredAndListed()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var subscription = await db.SubscribeAsync(NewChannel());

        await db.Get<SubscriptionStore>().SetMinVerdictAsync(subscription.Id, 7, CancellationToken.None);

        var listed = Assert.Single(await db.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None), s => s.Subscription.Id == subscription.Id);
        Assert.Equal(7, listed.Subscription.MinVerdict);
    }

    private static async Task<int> CountAsync(TestDatabase db, Func<AnnouncementRow, bool> where) =>
        (await db.AnnouncementsAsync()).Count(where);

    private static string WithVerdict(string verdict) => Review().Replace("Verdict - 6/10", "Verdict - " + verdict, StringComparison.Ordinal);

    private static async Task<Subscription> SubscribeWithMinimumAsync(TestDatabase db, int minimum)
    {
        var result = await db.Get<SubscriptionStore>().AddAsync(Subscription(NewChannel()) with { MinVerdict = minimum }, CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, result.Outcome);
        Assert.Equal(minimum, result.Subscription!.MinVerdict);
        return result.Subscription;
    }
}

public sealed class MinVerdictTestsOnSqlite : MinVerdictTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class MinVerdictTestsOnPostgreSql : MinVerdictTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
