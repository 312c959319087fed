using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

public abstract class SubscriptionStoreTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Add_SameChannelAndShowTwice_SecondIsRefusedAsDuplicate()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();
        var first = await store.AddAsync(Subscription(channel), CancellationToken.None);

        var second = await store.AddAsync(Subscription(channel, role: 9), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.Duplicate, second.Outcome);
        Assert.Equal(first.Subscription!.Id, second.Subscription!.Id);
        Assert.Single(await db.SubscriptionsAsync());
    }

    [Fact]
    public async Task Add_BeyondTheLimitPerServer_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild; i++)
        {
            Assert.Equal(SubscribeOutcome.Created, (await store.AddAsync(Subscription(NewChannel()), CancellationToken.None)).Outcome);
        }

        var refused = await store.AddAsync(Subscription(NewChannel()), CancellationToken.None);
        var otherServer = await store.AddAsync(Subscription(NewChannel(), guild: Guild + 1), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.LimitReached, refused.Outcome);
        Assert.Equal(SubscribeOutcome.Created, otherServer.Outcome);
    }

    [Fact]
    public async Task Reserve_HeldPlacesCountTowardTheLimitUntilReleased()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild - 1; i++)
        {
            await db.SubscribeAsync(NewChannel());
        }

        var held = await store.ReserveAsync(Subscription(NewChannel()), CancellationToken.None);
        var whileHeld = await store.ReserveAsync(Subscription(NewChannel()), CancellationToken.None);
        var addedWhileHeld = await store.AddAsync(Subscription(NewChannel()), CancellationToken.None);
        await store.ReleaseAsync(held.Reservation!, CancellationToken.None);
        var afterRelease = await store.ReserveAsync(Subscription(NewChannel()), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.Reserved, held.Outcome);
        Assert.Equal(SubscribeOutcome.LimitReached, whileHeld.Outcome);
        Assert.Null(whileHeld.Reservation);
        Assert.Equal(SubscribeOutcome.LimitReached, addedWhileHeld.Outcome);
        Assert.Equal(SubscribeOutcome.Reserved, afterRelease.Outcome);
        Assert.Equal(SubscriptionStore.MaxPerGuild - 1, (await db.SubscriptionsAsync()).Count);
    }

    [Fact]
    public async Task Reserve_SameChannelAndShowWhileHeld_IsInProgressAndCompleteSavesOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();

        var held = await store.ReserveAsync(Subscription(channel, role: 7), CancellationToken.None);
        var again = await store.ReserveAsync(Subscription(channel), CancellationToken.None);
        var added = await store.AddAsync(Subscription(channel), CancellationToken.None);
        var completed = await store.CompleteAsync(held.Reservation!, CancellationToken.None);
        var afterwards = await store.ReserveAsync(Subscription(channel), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.InProgress, again.Outcome);
        Assert.Equal(SubscribeOutcome.InProgress, added.Outcome);
        Assert.Equal(SubscribeOutcome.Created, completed.Outcome);
        Assert.Equal(7UL, completed.Subscription!.RoleId);
        Assert.Equal(SubscribeOutcome.Duplicate, afterwards.Outcome);
        Assert.Equal(completed.Subscription.Id, afterwards.Existing!.Id);
        Assert.Single(await db.SubscriptionsAsync());
    }

    [Fact]
    public async Task Reserve_PlaceHeldLongerThanItsLifetime_NoLongerCounts()
    {
        // A /subscribe whose process died between holding the place and posting its note never gives it back.
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild - 1; i++)
        {
            await db.SubscribeAsync(NewChannel());
        }

        var abandoned = await store.ReserveAsync(Subscription(NewChannel()), CancellationToken.None);
        db.Time.Advance(SubscriptionStore.ReservationLifetime + TimeSpan.FromSeconds(1));
        var later = await store.ReserveAsync(Subscription(NewChannel()), CancellationToken.None);
        var lateCompletion = await store.CompleteAsync(abandoned.Reservation!, CancellationToken.None);

        Assert.Equal(SubscribeOutcome.Reserved, later.Outcome);
        Assert.Equal(SubscribeOutcome.LimitReached, lateCompletion.Outcome);
    }

    [Fact]
    public async Task PauseChannel_ReportsThePauseWithReasonAndTime()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);

        var paused = await store.PauseChannelAsync(channel, "the bot lacks Send Messages", CancellationToken.None);

        var subscription = Assert.Single(await db.SubscriptionsAsync());
        Assert.True(paused);
        Assert.True(subscription.IsPaused);
        Assert.Equal("the bot lacks Send Messages", subscription.PauseReason);
        Assert.Equal(db.Time.GetUtcNow(), subscription.PausedAt);
    }

    [Fact]
    public async Task PauseChannel_AlreadyPaused_ChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "the bot lacks Send Messages", CancellationToken.None);

        var pausedAgain = await store.PauseChannelAsync(channel, "again", CancellationToken.None);

        Assert.False(pausedAgain);
        Assert.Equal("the bot lacks Send Messages", Assert.Single(await db.SubscriptionsAsync()).PauseReason);
    }

    [Fact]
    public async Task ResumeChannel_ClearsThePauseAndItsReason()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();
        var subscription = await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "the bot lacks Send Messages", CancellationToken.None);

        var resumed = await store.ResumeChannelAsync(channel, CancellationToken.None);

        var afterResume = await store.GetAsync(subscription.Id, CancellationToken.None);
        Assert.Equal(1, resumed);
        Assert.False(afterResume!.IsPaused);
        Assert.Null(afterResume.PauseReason);
    }

    /// <summary>
    /// A held resume keeps the channel's subscriptions from an /unsubscribe and a second Resume until it
    /// completes or is given back; a hold older than an interaction can live no longer counts.
    /// </summary>
    [Fact]
    public async Task BeginResume_HeldUntilCompletedOrReleased_UnsubscribeAndASecondResumeWait()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var resumes = db.Get<SubscriptionResumes>();
        var channel = NewChannel();
        var subscription = await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "Missing Access", CancellationToken.None);

        var held = await resumes.BeginAsync(subscription.Id, CancellationToken.None);
        var second = await resumes.BeginAsync(subscription.Id, CancellationToken.None);
        var unsubscribeMeanwhile = await store.RemoveAsync(Guild, channel, null, allShows: true, "unsubscribed by an admin", CancellationToken.None);
        await resumes.ReleaseAsync(held.Hold!, CancellationToken.None);
        var again = await resumes.BeginAsync(subscription.Id, CancellationToken.None);
        var resumed = await resumes.CompleteAsync(again.Hold!, CancellationToken.None);
        var afterwards = await resumes.BeginAsync(subscription.Id, CancellationToken.None);
        var unsubscribed = await store.RemoveAsync(Guild, channel, null, allShows: true, "unsubscribed by an admin", CancellationToken.None);
        var gone = await resumes.BeginAsync(subscription.Id, CancellationToken.None);

        Assert.Equal(ResumeOutcome.Held, held.Outcome);
        Assert.Equal(ResumeOutcome.InProgress, second.Outcome);
        Assert.Equal(new UnsubscribeResult(0, ResumeInProgress: true), unsubscribeMeanwhile);
        Assert.Equal(ResumeOutcome.Held, again.Outcome);
        Assert.Equal(1, resumed);
        Assert.Equal(ResumeOutcome.AlreadyActive, afterwards.Outcome);
        Assert.Equal(new UnsubscribeResult(1, ResumeInProgress: false), unsubscribed);
        Assert.Equal(ResumeOutcome.Gone, gone.Outcome);
    }

    [Fact]
    public async Task BeginResume_HoldOfAResumeThatDiedOnTheWay_ExpiresAfterTheReservationLifetime()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var resumes = db.Get<SubscriptionResumes>();
        var channel = NewChannel();
        var subscription = await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var abandoned = await resumes.BeginAsync(subscription.Id, CancellationToken.None);

        db.Time.Advance(SubscriptionStore.ReservationLifetime + TimeSpan.FromSeconds(1));
        var later = await resumes.BeginAsync(subscription.Id, CancellationToken.None);
        await resumes.ReleaseAsync(abandoned.Hold!, CancellationToken.None);
        var stillHeld = await store.RemoveAsync(Guild, channel, null, allShows: true, "unsubscribed by an admin", CancellationToken.None);

        Assert.Equal(ResumeOutcome.Held, later.Outcome);
        Assert.True(stillHeld.ResumeInProgress);
    }

    [Fact]
    public async Task Remove_Subscription_CancelsItsPendingAnnouncementsWithAReason()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review());

        var removed = await store.RemoveAsync(Guild, channel, showId: null, allShows: false, "unsubscribed by an admin", CancellationToken.None);

        Assert.Equal(new UnsubscribeResult(1, ResumeInProgress: false), removed);
        var cancelled = Assert.Single(await db.AnnouncementsAsync());
        Assert.Equal((AnnouncementStatus.Cancelled, "unsubscribed by an admin", (long?)null), (cancelled.Status, cancelled.Reason, cancelled.SubscriptionId));
        Assert.Empty(await db.SubscriptionsAsync());
    }

    [Fact]
    public async Task RemoveGuild_RemovesOnlyThatServersSubscriptions()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel());
        await db.SubscribeAsync(NewChannel(), guild: Guild + 1);

        var removed = await store.RemoveGuildAsync(Guild, "the bot was removed from the server", CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Single(await store.ListAsync(Guild + 1, CancellationToken.None));
    }

    [Fact]
    public async Task AllActive_IsFalseOnceOneIsPausedOrRemoved()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var (paused, removed) = (NewChannel(), NewChannel());
        var first = (await store.AddAsync(Subscription(paused), CancellationToken.None)).Subscription!.Id;
        var second = (await store.AddAsync(Subscription(removed), CancellationToken.None)).Subscription!.Id;

        var before = await store.AllActiveAsync([first, second], CancellationToken.None);
        await store.PauseChannelAsync(paused, "the bot lacks Send Messages", CancellationToken.None);
        var afterPause = await store.AllActiveAsync([first], CancellationToken.None);
        await store.RemoveChannelAsync(removed, "the channel was deleted", CancellationToken.None);
        var afterRemoval = await store.AllActiveAsync([second], CancellationToken.None);

        Assert.True(before);
        Assert.False(afterPause);
        Assert.False(afterRemoval);
    }

    [Fact]
    public async Task List_CountsPendingAndFailedAnnouncements()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        await db.SubscribeAsync(NewChannel());
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review(), sourceKey: "a.txt");
        await db.ImportAsync(Review(season: 2), sourceKey: "b.txt");
        var outbox = db.Get<AnnouncementStore>();
        var work = await outbox.LoadWorkAsync(10, CancellationToken.None);
        await outbox.MarkFailedAsync(work[0], "Discord answered 500 for a day", CancellationToken.None);

        var status = (await store.ListAsync(Guild, CancellationToken.None)).Single();

        Assert.Equal(1, status.PendingCount);
        Assert.Equal(1, status.FailedCount);
    }
}

public sealed class SubscriptionStoreTestsOnSqlite : SubscriptionStoreTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class SubscriptionStoreTestsOnPostgreSql : SubscriptionStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
