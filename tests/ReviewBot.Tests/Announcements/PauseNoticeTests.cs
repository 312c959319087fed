using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// The notice a server gets in its system channel when its announcements in a channel are paused:
/// told once, also when the telling was cut short.
/// </summary>
public sealed class PauseNoticeTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";

    /// <summary>
    /// Discord fails the notice's post (a 5xx through every retry of the REST client): the claim on the
    /// notice is not confirmed, so once it expires a later delivery pass tells the server, once.
    /// </summary>
    [Fact]
    public async Task PauseNotice_PostFailsOnTheWay_IsToldByALaterPassOnce()
    {
        await using var harness = await StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        harness.SubscriptionClock = clock;
        harness.Restart();
        var (channel, system) = (NewChannel(), NewChannel());
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        // The announcement is refused with and without its chart (the channel is paused), then the notice fails three times.
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectServerError(500, CreateMessage, times: 3);

        await harness.DeliverAsync();
        var toldAtFirst = harness.PostsIn(system).Count;
        clock.Advance(SubscriptionStore.PauseNoticeClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(SubscriptionStore.PauseNoticeClaimLifetime);
        await harness.DeliverAsync();

        Assert.Equal(0, toldAtFirst);
        var notice = Assert.Single(harness.PostsIn(system)).Body!.Value;
        Assert.Contains($"<#{channel}>", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A process claimed the notice and stopped before posting it (a crash, a restart): another process's
    /// delivery pass tells the server once the claim has expired, not before.
    /// </summary>
    [Fact]
    public async Task PauseNotice_ClaimedByAProcessThatStopped_IsToldByAnotherOnceTheClaimExpires()
    {
        await using var harness = await StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        harness.SubscriptionClock = clock;
        harness.Restart();
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        var store = harness.Get<SubscriptionStore>();
        await store.PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);
        Assert.NotNull(await store.ClaimPauseNoticeAsync(channel, CancellationToken.None));

        harness.Restart();
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        await harness.DeliverAsync();
        var toldWhileClaimed = harness.PostsIn(system).Count;
        clock.Advance(SubscriptionStore.PauseNoticeClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(PauseNotifier.LookEvery);
        await harness.DeliverAsync();

        Assert.Equal(0, toldWhileClaimed);
        Assert.Single(harness.PostsIn(system));
    }
}
