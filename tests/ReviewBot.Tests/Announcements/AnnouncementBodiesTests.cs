using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Charts;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// One announcement body serves every channel of a fan-out, but only for the content, role and chart
/// flag it was built from: a changed review is rendered again, and each post pings only its own role.
/// </summary>
public sealed class AnnouncementBodiesTests
{
    [Fact]
    public void Get_SameContentReadAgain_ReusesTheBody()
    {
        using var bodies = Bodies();

        var first = bodies.Get(Content(verdict: 6), roleId: null, withChart: true);
        var again = bodies.Get(Content(verdict: 6), roleId: null, withChart: true);

        Assert.Same(first, again);
    }

    [Fact]
    public void Get_WhenTheBodiesKeptAreAtTheirBound_ANewBodyIsStillKeptForTheNextChannel()
    {
        using var bodies = Bodies();
        for (var role = 1UL; role <= AnnouncementBodies.Capacity; role++)
        {
            bodies.Get(Content(verdict: 6), roleId: role, withChart: false);
        }

        var first = bodies.Get(Content(verdict: 6), roleId: null, withChart: false);
        var again = bodies.Get(Content(verdict: 6), roleId: null, withChart: false);

        Assert.Same(first, again);
    }

    [Fact]
    public void Get_ReviewChangedWithinTheSameUpdatedAt_RendersTheNewVerdictAndChart()
    {
        using var bodies = Bodies();
        var before = bodies.Get(Content(verdict: 6), roleId: null, withChart: true);

        // Two saves within one clock tick share an updated-at time: the version alone cannot tell them apart.
        var after = bodies.Get(Content(verdict: 8, firstEpisode: 1), roleId: null, withChart: true);

        Assert.Equal("6/10", Verdict(before));
        Assert.Equal("8/10", Verdict(after));
        Assert.NotEqual(before.Request.Files![0].Content.ToArray(), after.Request.Files![0].Content.ToArray());
    }

    [Fact]
    public void Get_RoleOrChartFlagDiffers_GivesEachItsOwnBody()
    {
        using var bodies = Bodies();

        var none = bodies.Get(Content(verdict: 6), roleId: null, withChart: true);
        var role = bodies.Get(Content(verdict: 6), roleId: 77, withChart: true);
        var text = bodies.Get(Content(verdict: 6), roleId: null, withChart: false);

        Assert.Null(none.Request.Content);
        Assert.Empty(none.Request.AllowedMentions.Parse);
        Assert.Null(none.Request.AllowedMentions.Roles);
        Assert.StartsWith("<@&77>", role.Request.Content, StringComparison.Ordinal);
        Assert.Equal([77UL], role.Request.AllowedMentions.Roles!.Select(r => r.Value));
        Assert.Null(text.Request.Files);
        Assert.NotNull(none.Request.Files);
    }

    [Fact]
    public void ForAnnouncement_OtherScoresForTheSameReview_DrawsTheNewScores()
    {
        using var charts = Charts();

        var before = charts.ForAnnouncement(5, Episodes(firstEpisode: 3));
        var after = charts.ForAnnouncement(5, Episodes(firstEpisode: 1));
        var again = charts.ForAnnouncement(5, Episodes(firstEpisode: 1));

        Assert.NotEqual(before, after);
        Assert.Same(after, again);
    }

    [Fact]
    public async Task Deliver_ReviewChangedWhileAChannelWaits_TheWaitingChannelGetsTheNewReviewAndThePostedOneIsEdited()
    {
        await using var harness = await StartAsync();
        var (posted, waiting) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(posted);
        await harness.SubscribeAsync(waiting);
        var store = harness.Get<SubscriptionStore>();
        await store.PauseChannelAsync(waiting, "held back by the test", CancellationToken.None);
        await harness.ImportAsync();
        await harness.DeliverAsync();
        var first = Assert.Single(harness.PostsIn(posted));

        await harness.ImportAsync(text: ReviewWithVerdict("8/10")
            .Replace("Crimson Is The Sound of Dawn -| Review Score – 3/5", "Crimson Is The Sound of Dawn -| Review Score – 5/5", StringComparison.Ordinal));
        await store.ResumeChannelAsync(waiting, CancellationToken.None);
        await harness.DeliverAsync();

        var late = Assert.Single(harness.PostsIn(waiting));
        var edit = Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}");
        Assert.Equal("6/10", Verdict(first.BodyText!));
        Assert.Equal("8/10", Verdict(late.BodyText!));
        Assert.Equal("8/10", Verdict(edit.BodyText!));
        Assert.NotEqual(first.Files[0].Content, late.Files[0].Content);
        Assert.Equal(late.Files[0].Content, edit.Files[0].Content);
    }

    [Fact]
    public async Task Deliver_SubscriptionsWithDifferentRoles_EachPostPingsOnlyItsOwnRole()
    {
        await using var harness = await StartAsync();
        (ulong Channel, ulong? Role)[] channels = [(NewChannel(), 11), (NewChannel(), 22), (NewChannel(), null), (NewChannel(), 11)];
        foreach (var (channel, role) in channels)
        {
            await harness.SubscribeAsync(channel, role: role);
        }

        await harness.ImportAsync();
        await harness.DeliverAsync();

        foreach (var (channel, role) in channels)
        {
            var post = Assert.Single(harness.PostsIn(channel)).Body!.Value;
            var mentions = post.GetProperty("allowed_mentions");
            Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
            if (role is { } id)
            {
                Assert.StartsWith($"<@&{id}> New review", post.GetProperty("content").GetString(), StringComparison.Ordinal);
                Assert.Equal([id.ToString(System.Globalization.CultureInfo.InvariantCulture)], mentions.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            }
            else
            {
                Assert.False(post.TryGetProperty("content", out _));
                Assert.False(mentions.TryGetProperty("roles", out _));
            }
        }

        Assert.Equal(channels.Length, channels.SelectMany(c => harness.MessagesIn(c.Channel)).Distinct().Count());
    }

    private static AnnouncementBodies Bodies() => new(new AnnouncementRenderer(Charts()));

    private static ChartCache Charts() => ReviewBot.Tests.Charts.TestCharts.Cache();

    private static AnnouncementContent Content(double verdict, double firstEpisode = 3) =>
        new(3, "Metallic Rouge", "metallic-rouge", 1, "Metallic Rouge Season 1 Review", "", verdict, 10, "A summary.", "https://example.org/r/3", null, null, 3)
        {
            UpdatedAt = DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Episodes = Episodes(firstEpisode),
        };

    private static List<EpisodeEntry> Episodes(double firstEpisode) =>
        [new EpisodeEntry(1, "A", new Score(firstEpisode, 5)), new EpisodeEntry(2, "B", new Score(4, 5)), new EpisodeEntry(3, "C", new Score(2, 5))];

    private static string? Verdict(AnnouncementBody body) => body.Request.Embeds![0].Fields!.Single(f => f.Name == "Verdict").Value;

    private static string? Verdict(string payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson);
        return document.RootElement.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "Verdict").GetProperty("value").GetString();
    }
}
