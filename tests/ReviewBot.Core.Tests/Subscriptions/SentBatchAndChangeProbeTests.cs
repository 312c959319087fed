using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

public abstract class SentBatchAndChangeProbeTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task MarkSent_Batch_RecordsEveryPostWithItsMessageAndTheSubscriptionsLastPost()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
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

    /// <summary>What the sender renders: every asked-for review's content in one query, unknown ids left out.</summary>
    [Fact]
    public async Task LoadContent_SeveralReviews_OneEntryEach()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var first = (await db.ImportAsync(Review(), "a.txt")).ReviewId!.Value;
        var second = (await db.ImportAsync(TestDatabase.SampleText.Replace("Metallic Rouge", "Frieren", StringComparison.Ordinal), "b.txt")).ReviewId!.Value;

        var content = await db.Get<AnnouncementStore>().LoadContentAsync([first, second, 999_999], CancellationToken.None);

        Assert.Equal([first, second], content.Keys.Order());
        Assert.Equal("Frieren", content[second].ShowTitle);
        Assert.True(content[first].EpisodeCount > 0);
    }

    /// <summary>
    /// A show is known by its key, so a review spelling its title another way (case, a zero-width
    /// space) is that show's: its announcement is titled with the show's title, as /review, /latest and
    /// the announcement's own footer show it, not with the spelling of the one file.
    /// </summary>
    [Theory]
    [InlineData("Metallic Rou\u200Bge")]
    [InlineData("METALLIC ROUGE")]
    public async Task LoadContent_ReviewSpellingItsShowAnotherWay_IsTitledWithTheShowsTitle(string spelling)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText, "a.txt");
        var secondText = TestDatabase.SampleText
            .Replace("Metallic Rouge Season 1 Review", spelling + " Season 2 Review", StringComparison.Ordinal)
            .Replace("\nSeason 1\n", "\nSeason 2\n", StringComparison.Ordinal);
        var second = (await db.ImportAsync(secondText, "b.txt")).ReviewId!.Value;

        var content = (await db.Get<AnnouncementStore>().LoadContentAsync([second], CancellationToken.None))[second];

        Assert.Equal("Metallic Rouge", content.ShowTitle);
        Assert.Equal("Metallic Rouge Season 2 Review – A sci-fi anime that loses its way", content.Title);
        Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM reviews WHERE id = {second} AND title = 'Metallic Rouge Season 2 Review – A sci-fi anime that loses its way'"));
    }

    /// <summary>A review stored before its title was built from its show's title is announced under the show's title too.</summary>
    [Fact]
    public async Task LoadContent_ReviewStoredWithItsOwnSpellingOfTheShow_IsTitledWithTheShowsTitle()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = (await db.ImportAsync(TestDatabase.SampleText, "a.txt")).ReviewId!.Value;
        await db.ScalarAsync($"UPDATE reviews SET title = 'METALLIC ROU\u200BGE Season 1 Review – A sci-fi anime that loses its way' WHERE id = {review}");

        var content = (await db.Get<AnnouncementStore>().LoadContentAsync([review], CancellationToken.None))[review];

        Assert.Equal("Metallic Rouge Season 1 Review – A sci-fi anime that loses its way", content.Title);
    }

    [Fact]
    public async Task ChangeProbe_SeesACommitFromAnotherConnection()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await using var probe = new OutboxChangeProbe(db.Get<ReviewDatabase>());

        Assert.True(await probe.ChangedAsync(CancellationToken.None)); // first look
        await db.SubscribeAsync(NewChannel());

        Assert.True(await probe.ChangedAsync(CancellationToken.None));
    }
}

/// <summary>
/// On SQLite the probe also says "nothing changed" when nothing was committed. PostgreSQL's marker is the
/// server's log position, which any database of the server moves, so there it only promises the positive.
/// </summary>
public sealed class SentBatchAndChangeProbeTestsOnSqlite : SentBatchAndChangeProbeTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class SentBatchAndChangeProbeTestsOnPostgreSql : SentBatchAndChangeProbeTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}

public sealed class SqliteChangeProbeTests
{
    [Fact]
    public async Task ChangeProbe_SeesCommitsFromOtherConnectionsOnly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var probe = new OutboxChangeProbe(db.Get<ReviewDatabase>());

        Assert.True(await probe.ChangedAsync(CancellationToken.None)); // first look
        Assert.False(await probe.ChangedAsync(CancellationToken.None));

        await db.SubscribeAsync(NewChannel());

        Assert.True(await probe.ChangedAsync(CancellationToken.None));
        Assert.False(await probe.ChangedAsync(CancellationToken.None));
    }
}
