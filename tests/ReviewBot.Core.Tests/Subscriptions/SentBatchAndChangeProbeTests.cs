using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

public sealed class SentBatchAndChangeProbeTests
{
    [Fact]
    public async Task MarkSent_Batch_RecordsEveryPostWithItsMessageAndTheSubscriptionsLastPost()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review());
        var store = db.Get<AnnouncementStore>();
        var work = await store.LoadWorkAsync(100, CancellationToken.None);

        await store.MarkSentAsync(work.Take(2).Select((w, i) => new SentAnnouncement(w, w.ChannelId, 9000UL + (ulong)i)).ToList(), CancellationToken.None);

        Assert.Equal(2, await db.CountAnnouncementsAsync("status = 'sent' AND message_id IN (9000, 9001) AND sent_at IS NOT NULL AND attempts = 1"));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM subscriptions WHERE last_post_at IS NOT NULL"));
        Assert.Equal(work[2].Id, (await store.LoadWorkAsync(100, CancellationToken.None)).Single().Id);
    }

    [Fact]
    public async Task ChangeProbe_SeesCommitsFromOtherConnectionsOnly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var probe = new OutboxChangeProbe(db.Get<ReviewBot.Core.Storage.SqliteConnectionFactory>());

        Assert.True(await probe.ChangedAsync(CancellationToken.None)); // first look
        Assert.False(await probe.ChangedAsync(CancellationToken.None));

        await db.SubscribeAsync(NewChannel());

        Assert.True(await probe.ChangedAsync(CancellationToken.None));
        Assert.False(await probe.ChangedAsync(CancellationToken.None));
    }
}
