using System.Globalization;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions.Delivery;
using ReviewBot.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>What a paused channel keeps: nothing is sent there while paused, nothing is lost, and Resume delivers in order.</summary>
public sealed class PauseResumeTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";

    [Fact]
    public async Task PausedChannel_ReviewsPublishedDuringThePause_ArriveInOrderAfterResume()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        var before = await harness.ImportAsync("Frieren");
        // Refused with and then without the chart: the channel lacks Send Messages, not only Attach Files.
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        await harness.DeliverAsync();
        var during = await harness.ImportAsync("Dungeon Meshi");
        await harness.DeliverAsync();
        var requestsWhilePaused = harness.Server.Requests.Count(r => r.Path == $"/channels/{channel}/messages");
        var waiting = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().PendingCount;

        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();
        var reply = await resume.HandleAsync(
            SubscriptionCommandTests.Command("subscriptions", channel, SubscriptionCommandTests.ManageChannels),
            subscription.Id.ToString(CultureInfo.InvariantCulture),
            CancellationToken.None);
        await harness.DeliverAsync();

        Assert.Equal(2, requestsWhilePaused); // the refused post and its resend without the chart; nothing more while paused
        Assert.Equal(2, waiting);
        Assert.StartsWith("Resumed", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal([MessageNonce.ForAnnouncement(before, subscription.Id), MessageNonce.ForAnnouncement(during, subscription.Id)], harness.MessagesIn(channel));
        Assert.Equal(2, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent));
    }

    [Fact]
    public async Task Unsubscribe_PausedChannel_CancelsWhatWaitedWithTheReason()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the channel no longer exists (Discord: Unknown Channel)", CancellationToken.None);
        await harness.ImportAsync("Frieren");

        await harness.Get<SubscriptionStore>().RemoveAsync(Guild, channel, null, allShows: true, "unsubscribed by an admin", CancellationToken.None);
        await harness.DeliverAsync();

        Assert.Empty(harness.Server.Requests);
        Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Cancelled && r.Reason == "unsubscribed by an admin"));
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Pending));
    }
}
