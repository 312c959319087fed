using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Subscriptions;

/// <summary>A subscription's role changed (/subscribe again with another role): what it and its queue mention.</summary>
public abstract class SubscriptionRoleChangeTests
{
    private const ulong OldRole = 1_330_000_000_000_000_011;
    private const ulong NewRole = 1_330_000_000_000_000_012;

    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task SetRole_WithAnAnnouncementWaiting_MentionsTheNewRoleThereToo_AndNowhereElse()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var store = db.Get<SubscriptionStore>();
        var changing = (await store.AddAsync(Subscription(NewChannel()) with { RoleId = OldRole }, CancellationToken.None)).Subscription!;
        var other = (await store.AddAsync(Subscription(NewChannel()) with { RoleId = OldRole }, CancellationToken.None)).Subscription!;
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Review());

        var changed = await store.SetRoleAsync(changing.Id, NewRole, CancellationToken.None);

        Assert.Equal(NewRole, changed!.RoleId);
        Assert.Equal(OldRole, (await store.GetAsync(other.Id, CancellationToken.None))!.RoleId);
        var queued = await db.AnnouncementsAsync();
        Assert.Equal(NewRole, Assert.Single(queued, a => a.SubscriptionId == changing.Id).RoleId);
        Assert.Equal(OldRole, Assert.Single(queued, a => a.SubscriptionId == other.Id).RoleId);
    }
}

public sealed class SubscriptionRoleChangeTestsOnSqlite : SubscriptionRoleChangeTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class SubscriptionRoleChangeTestsOnPostgreSql : SubscriptionRoleChangeTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
