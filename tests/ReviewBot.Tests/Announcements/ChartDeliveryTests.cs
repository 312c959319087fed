using ReviewBot.Core.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>Announcements carry the episode-score chart; where Discord refuses the upload, its scores as text.</summary>
public sealed class ChartDeliveryTests
{
    [Fact]
    public async Task Deliver_Announcement_UploadsTheChartTheEmbedShows()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();

        await harness.DeliverAsync();

        var post = Assert.Single(harness.PostsIn(channel));
        var file = Assert.Single(post.Files);
        Assert.Equal("chart.png", file.FileName);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, file.Content[..4]);
        Assert.Equal("attachment://chart.png", post.Body!.Value.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString());
        Assert.Empty(harness.Server.SchemaViolations);
    }

    [Fact]
    public async Task Deliver_ChannelWithoutAttachFiles_PostsTheScoresAsTextAndKeepsTheChannelActive()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages");

        await harness.DeliverAsync();

        var post = Assert.Single(harness.PostsIn(channel));
        Assert.Empty(post.Files);
        var fields = post.Body!.Value.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray();
        Assert.Contains(fields, f => f.GetProperty("name").GetString() == "Episode scores"
            && f.GetProperty("value").GetString()!.StartsWith("`3 3.5 3.5 3.5 2.5", StringComparison.Ordinal));
        Assert.False((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
        Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent));
    }
}
