using ReviewBot.Charts;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Tests.Announcements;

public sealed class AnnouncementRendererTests
{
    [Fact]
    public void Render_PublishedReview_ShowsTheDayAsATimestampTagEachReaderSeesInTheirOwnZone()
    {
        var content = new AnnouncementContent(
            7, "Frieren", "frieren", 2, "Frieren Season 2 Review", "Quiet", 9, 10, "Calm.", null, "Ana Writer",
            new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), 12);
        var work = new AnnouncementWork(1, 2, 7, 3, 4, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, false, null, null);

        var message = Renderer().Render(content, work);

        var embed = Assert.Single(message.Embeds!);
        Assert.Contains(embed.Fields!, f => f.Name == "Published" && f.Value == "<t:1768910400:D>");
        Assert.Null(embed.Timestamp);
        Assert.DoesNotContain("<t:", embed.Footer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RatedReview_ShowsTheCommunityBesideTheVerdictAndTheRatingMenu()
    {
        var content = new AnnouncementContent(
            7, "Frieren", "frieren", 2, "Frieren Season 2 Review", "Quiet", 9, 10, "Calm.", null, null, null, 12)
        {
            Community = new CommunityScore(7.4, 23),
        };
        var work = new AnnouncementWork(1, 2, 7, 3, 4, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, false, null, null);

        var message = Renderer().Render(content, work);

        var fields = Assert.Single(message.Embeds!).Fields!;
        Assert.Equal(("Verdict", "Community"), (fields[0].Name, fields[1].Name));
        Assert.Equal("**7.4**/10 · 23 ratings", fields[1].Value);
        var select = message.Components!.SelectMany(r => r.Components!).Single(c => c.CustomId == "rate:7");
        Assert.Equal(11, select.Options!.Count);
    }

    [Fact]
    public void Render_WithoutTheChart_ListsTheScoresAsOneRowOfText()
    {
        var content = new AnnouncementContent(
            8, "Frieren", "frieren", 2, "Frieren Season 2 Review", "Quiet", 9, 10, "Calm.", null, null, null, 3)
        {
            Episodes = [new EpisodeEntry(1, "A", new Score(4.5, 5)), new EpisodeEntry(2, "B", null), new EpisodeEntry(3, "C", new Score(3, 5))],
        };
        var work = new AnnouncementWork(1, 2, 8, 3, 4, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, false, null, null);

        var withChart = Renderer().Render(content, work);
        var without = Renderer().Render(content, work, withChart: false);

        Assert.Equal("attachment://chart.png", withChart.Embeds![0].Image!.Url);
        Assert.Single(withChart.Files!);
        Assert.Null(without.Files);
        Assert.Null(without.Embeds![0].Image);
        Assert.Equal("`4.5 – 3` /5 · average 3.8", without.Embeds[0].Fields!.Single(f => f.Name == "Episode scores").Value);
    }

    private static AnnouncementRenderer Renderer() =>
        new(new ChartCache(new EpisodeChart(new ChartFont(Microsoft.Extensions.Logging.Abstractions.NullLogger<ChartFont>.Instance))));
}
