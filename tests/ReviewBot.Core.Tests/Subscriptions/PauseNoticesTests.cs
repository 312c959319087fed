using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

public abstract class PauseNoticesTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Untold_ListedUntilTheServerWasTold()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var notices = db.Get<PauseNotices>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "the bot lacks Send Messages", CancellationToken.None);

        var unnoticed = await notices.GetUntoldAsync(Guild, CancellationToken.None);
        await notices.ConfirmAsync((await notices.ClaimAsync(channel, CancellationToken.None))!, CancellationToken.None);
        var unnoticedAfterNotice = await notices.GetUntoldAsync(Guild, CancellationToken.None);

        Assert.Single(unnoticed);
        Assert.Empty(unnoticedAfterNotice);
    }

    /// <summary>
    /// A process that claimed a pause notice and stopped (or whose post failed) before telling the server
    /// leaves the claim unconfirmed; after a while another pass may claim it and tell, while a claim still
    /// in its time keeps everyone else off.
    /// </summary>
    [Fact]
    public async Task Claim_ClaimedButNeverConfirmed_CanBeClaimedAgainOnceItExpires()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var notices = db.Get<PauseNotices>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "Missing Access", CancellationToken.None);

        var claimed = await notices.ClaimAsync(channel, CancellationToken.None);
        var whileClaimed = await notices.ClaimAsync(channel, CancellationToken.None);
        var listedWhileClaimed = await notices.GetGuildsWithUntoldAsync(CancellationToken.None);
        db.Time.Advance(PauseNotices.ClaimLifetime + TimeSpan.FromSeconds(1));
        var listedAfterExpiry = await notices.GetGuildsWithUntoldAsync(CancellationToken.None);
        var afterExpiry = await notices.ClaimAsync(channel, CancellationToken.None);
        await notices.ConfirmAsync(claimed!, CancellationToken.None);
        db.Time.Advance(PauseNotices.ClaimLifetime + TimeSpan.FromSeconds(1));
        var listedAfterStaleConfirmation = await notices.GetGuildsWithUntoldAsync(CancellationToken.None);
        await notices.ConfirmAsync(afterExpiry!, CancellationToken.None);
        var afterConfirmation = await notices.ClaimAsync(channel, CancellationToken.None);

        Assert.NotNull(claimed);
        Assert.Null(whileClaimed);
        Assert.DoesNotContain(Guild, listedWhileClaimed);
        Assert.Contains(Guild, listedAfterExpiry);
        Assert.NotNull(afterExpiry);
        // The expired claim, taken over, confirms nothing: the one that took it over tells and confirms.
        Assert.Contains(Guild, listedAfterStaleConfirmation);
        Assert.Null(afterConfirmation);
        Assert.DoesNotContain(Guild, await notices.GetGuildsWithUntoldAsync(CancellationToken.None));
    }

    /// <summary>A pause after a resume is a new pause, told again, whatever the earlier one's claim was.</summary>
    [Fact]
    public async Task Claim_PausedAgainAfterAResume_IsClaimableAgain()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var notices = db.Get<PauseNotices>();
        var channel = NewChannel();
        await db.SubscribeAsync(channel);
        await store.PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var first = await notices.ClaimAsync(channel, CancellationToken.None);

        await store.ResumeChannelAsync(channel, CancellationToken.None);
        await store.PauseChannelAsync(channel, "Unknown Channel", CancellationToken.None);
        var second = await notices.ClaimAsync(channel, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
    }
}

public sealed class PauseNoticesTestsOnSqlite : PauseNoticesTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class PauseNoticesTestsOnPostgreSql : PauseNoticesTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
