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

        var sent = (await db.AnnouncementsAsync()).Where(a => a.Status == AnnouncementStatus.Sent).OrderBy(a => a.MessageId).ToList();
        Assert.Equal([9000UL, 9001UL], sent.Select(a => a.MessageId));
        Assert.All(sent, a => Assert.Equal((true, 1), (a.SentAt is not null, a.Attempts)));
        Assert.Equal(2, (await db.SubscriptionsAsync()).Count(s => s.LastPostAt is not null));
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
