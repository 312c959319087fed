using ReviewBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

public abstract class AnnouncementOutboxTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Import_NewReview_QueuesOnePendingAnnouncementPerActiveSubscription()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var first = await db.SubscribeAsync(NewChannel());
        var second = await db.SubscribeAsync(NewChannel(), role: 77);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await db.ImportAsync(Review());

        Assert.Equal(ImportStatus.Created, result.Status);
        var announcements = await db.AnnouncementsAsync();
        Assert.Equal(2, announcements.Count);
        Assert.All(announcements, a => Assert.Equal((AnnouncementStatus.Pending, result.ReviewId), (a.Status, a.ReviewId)));
        Assert.Null(announcements.Single(a => a.SubscriptionId == first.Id).RoleId);
        Assert.Equal(77UL, announcements.Single(a => a.SubscriptionId == second.Id).RoleId);
    }

    [Fact]
    public async Task Import_ParticipantAfterOutboxThrows_NoAnnouncementSurvivesTheRollback()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, s => s.AddSingleton<IReviewSaveParticipant, ThrowingParticipant>());
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ImportAsync(Review()));

        Assert.Equal(0, await db.Get<ReviewStore>().CountAsync(CancellationToken.None));
        Assert.Empty(await db.AnnouncementsAsync());
    }

    [Fact]
    public async Task NewSubscription_ExistingReviews_AreNotAnnounced()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var stored = await db.ImportAsync(Review());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.SubscribeAsync(NewChannel());

        // Re-importing the same text, or an unrelated edit, is not a new review either.
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review());
        await db.ImportAsync(Review().Replace("Bones Studios", "Studio Bones", StringComparison.Ordinal));

        Assert.Equal(ImportStatus.Created, stored.Status);
        Assert.Empty(await db.AnnouncementsAsync());
    }

    [Fact]
    public async Task NewReview_PublishedBeforeTheSubscription_IsNotAnnounced()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var stored = await db.ImportAsync(Review(), announce: false);
        await db.SubscribeAsync(NewChannel());
        var outbox = db.Get<IEnumerable<IReviewSaveParticipant>>().OfType<AnnouncementOutbox>().Single();

        await using var connection = await db.OpenAsync();
        await using (var transaction = connection.BeginTransaction())
        {
            await outbox.OnSavedAsync(connection, transaction, Saved(stored.ReviewId!.Value, db.Time.GetUtcNow().AddDays(-3)), CancellationToken.None);
            await outbox.OnSavedAsync(connection, transaction, Saved(stored.ReviewId!.Value, db.Time.GetUtcNow().AddHours(2)), CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Single(await db.AnnouncementsAsync());
    }

    [Fact]
    public async Task Import_NoAnnounce_StoresTheReviewSilently()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await db.ImportAsync(Review(), announce: false);

        Assert.Equal(ImportStatus.Created, result.Status);
        Assert.Empty(await db.AnnouncementsAsync());
    }

    [Fact]
    public async Task Import_ShowSubscription_OnlyThatShowsReviewsAreQueued()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var rouge = await db.ImportAsync(Review(), announce: false);
        var showId = await db.ShowIdAsync(rouge.ShowSlug);
        var onlyRouge = await db.SubscribeAsync(NewChannel(), showId);
        var everything = await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));

        await db.ImportAsync(Review(season: 2), sourceKey: "s2.txt");
        await db.ImportAsync(Review("Frieren"), sourceKey: "frieren.txt");

        var announcements = await db.AnnouncementsAsync();
        Assert.Single(announcements, a => a.SubscriptionId == onlyRouge.Id);
        Assert.Equal(2, announcements.Count(a => a.SubscriptionId == everything.Id));
    }

    [Fact]
    public async Task Import_ChannelWithShowAndAllShowsSubscriptions_GetsTheReviewOnceUnderTheShowOne()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var rouge = await db.ImportAsync(Review(), announce: false);
        var showId = await db.ShowIdAsync(rouge.ShowSlug);
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        var withRole = await db.SubscribeAsync(channel, showId, role: 5);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        await db.ImportAsync(Review(season: 2), sourceKey: "s2.txt");

        var announcement = Assert.Single(await db.AnnouncementsAsync());
        Assert.Equal((withRole.Id, 5UL), (announcement.SubscriptionId, announcement.RoleId));
    }

    [Fact]
    public async Task Import_PausedSubscription_QueuesItToWaitForResume()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        await db.Get<SubscriptionStore>().PauseChannelAsync(channel, "missing permission: Send Messages", CancellationToken.None);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        await db.ImportAsync(Review());

        Assert.Equal(AnnouncementStatus.Pending, Assert.Single(await db.AnnouncementsAsync()).Status);
        Assert.Empty(await db.Get<AnnouncementStore>().LoadWorkAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Update_VerdictChanged_MarksOnlySentAnnouncementsForAnEdit()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        var created = await db.ImportAsync(Review());
        var store = db.Get<AnnouncementStore>();
        var work = await store.LoadWorkAsync(100, CancellationToken.None);
        await store.MarkSentAsync(work[0], work[0].ChannelId, 123456, null, CancellationToken.None);

        await db.ImportAsync(Review().Replace("Verdict - 6/10", "Verdict - 8/10", StringComparison.Ordinal));

        var announcements = await db.AnnouncementsAsync();
        Assert.Equal(2, announcements.Count(a => a.ReviewId == created.ReviewId));
        var sent = announcements.Single(a => a.Id == work[0].Id);
        Assert.Equal((AnnouncementStatus.Sent, true), (sent.Status, sent.NeedsEdit));
        Assert.False(announcements.Single(a => a.Id == work[1].Id).NeedsEdit);
    }

    [Fact]
    public async Task Update_OtherEdit_MarksNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review());
        var store = db.Get<AnnouncementStore>();
        var work = (await store.LoadWorkAsync(100, CancellationToken.None)).Single();
        await store.MarkSentAsync(work, work.ChannelId, 123456, null, CancellationToken.None);

        await db.ImportAsync(Review().Replace("Bones Studios", "Studio Bones", StringComparison.Ordinal));

        Assert.DoesNotContain(await db.AnnouncementsAsync(), a => a.NeedsEdit);
        Assert.Empty(await store.LoadWorkAsync(100, CancellationToken.None));
    }

    /// <summary>
    /// Raising the importer's hash version makes every stored review's source hash differ, so its next
    /// import parses and saves it again. That is an update in place: the same review under the same
    /// show and slug, and no announcement queued again or edited, posted or waiting. The second case
    /// is a file an earlier build read with its zero-width space as a space ("Metallic Rouge").
    /// </summary>
    [Theory]
    [InlineData("Metallic Rouge")]
    [InlineData("Metallic\u200BRouge")]
    public async Task Reimport_UnchangedReviewStoredUnderAnOlderHashVersion_IsUpdatedInPlaceAndNotAnnouncedAgain(string written)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        var created = await db.ImportAsync(Review(), "review.txt");
        var store = db.Get<AnnouncementStore>();
        var work = await store.LoadWorkAsync(100, CancellationToken.None);
        await store.MarkSentAsync(work[0], work[0].ChannelId, 123456, null, CancellationToken.None);
        var before = await db.AnnouncementsAsync();
        await db.ScalarAsync($"UPDATE reviews SET content_hash = 'stored-by-an-older-hash-version' WHERE id = {created.ReviewId}");
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await db.ImportAsync(Review(written), "review.txt");

        Assert.Equal((ImportStatus.Updated, created.ReviewId, "metallic-rouge"), (again.Status, again.ReviewId, again.ShowSlug));
        Assert.Equal((1, 1), (await db.ScalarAsync("SELECT COUNT(*) FROM shows"), await db.ScalarAsync("SELECT COUNT(*) FROM reviews")));
        var after = await db.AnnouncementsAsync();
        Assert.Equal(
            before.Select(a => (a.Id, a.SubscriptionId, a.Status, a.MessageId, a.NeedsEdit)).OrderBy(a => a.Id),
            after.Select(a => (a.Id, a.SubscriptionId, a.Status, a.MessageId, a.NeedsEdit)).OrderBy(a => a.Id));
        Assert.Equal([work[1].Id], (await store.LoadWorkAsync(100, CancellationToken.None)).Select(w => w.Id));
    }

    private static SavedReview Saved(long reviewId, DateTimeOffset published) =>
        new(reviewId, 1, "metallic-rouge", "Metallic Rouge", 1, Created: true, VerdictChanged: true, EpisodeScoresChanged: true, Announce: true,
            ReviewOrigin.Feed, new Review("Metallic Rouge", 1, "", null, [], "", Published: published), "", null);

    private sealed class ThrowingParticipant : IReviewSaveParticipant
    {
        public Task OnSavedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}

public sealed class AnnouncementOutboxTestsOnSqlite : AnnouncementOutboxTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class AnnouncementOutboxTestsOnPostgreSql : AnnouncementOutboxTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
