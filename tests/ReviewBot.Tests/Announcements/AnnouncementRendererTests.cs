using ReviewBot.Charts;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// How an announcement looks: its links within Discord's limits (the same ones /review's embed uses),
/// the published day, the community's score and rating menu, and the chart or its text fallback.
/// </summary>
public sealed class AnnouncementRendererTests
{
    private static readonly AnnouncementWork Work = new(1, 2, 3, 10, 11, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, IsEdit: false, null, null);

    [Fact]
    public void Render_UrlWithinTheButtonLimit_LinksTheEmbedAndTheButton()
    {
        var url = Url(DiscordLimits.LinkUrl);

        var message = Renderer().Render(Content(url), Work);

        Assert.Equal(url, message.Embeds![0].Url);
        Assert.Equal(url, Assert.Single(LinkButtons(message)).Url);
    }

    [Fact]
    public void Render_UrlLongerThanAButtonAllows_StillLinksTheEmbed_WithoutAButton()
    {
        var url = Url(DiscordLimits.LinkUrl + 1);

        var message = Renderer().Render(Content(url), Work);

        Assert.Equal(url, message.Embeds![0].Url);
        Assert.Empty(LinkButtons(message));
    }

    [Fact]
    public void Render_UrlLongerThanAnEmbedAllows_LinksNothing()
    {
        var message = Renderer().Render(Content(Url(DiscordLimits.EmbedUrl + 1)), Work);

        Assert.Null(message.Embeds![0].Url);
        Assert.Empty(LinkButtons(message));
    }

    private static string Url(int length)
    {
        const string prefix = "https://reviews.example/";
        return prefix + new string('a', length - prefix.Length);
    }

    private static AnnouncementContent Content(string url) =>
        new(3, "Metallic Rouge", "metallic-rouge", 1, "Metallic Rouge Season 1 Review", "", 6, 10, "A summary.", url, null, null, 13);

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
    public void Render_ShowTitleWithAnUnclosedRightToLeftOverride_CannotReverseTheSeasonAndAuthorAfterIt()
    {
        var content = new AnnouncementContent(
            7, "Mirror \u202EDrama", "mirror-drama", 2, "Mirror \u202EDrama Season 2 Review", "", 9, 10, "Calm.", null, "Ana Writer", null, 12);

        var embed = Assert.Single(Renderer().Render(content, Work).Embeds!);

        Assert.Equal("Mirror \u202EDrama\u202C · Season 2 · by Ana Writer", embed.Footer!.Text);
        Assert.Equal("Mirror \u202EDrama\u202C Season 2 Review", embed.Title);
    }

    [Fact]
    public void Render_ShowTitleWithAnUnclosedRightToLeftOverride_CannotReverseTheRestOfTheTitleOrThePostsName()
    {
        // /review closes what the show's title leaves open before its " — Season 2 Review": the
        // announcement's title and a forum post's name did not, so the season, "Review" and the headline read backwards.
        var content = new AnnouncementContent(
            7, "Mirror \u202EDrama", "mirror-drama", 2, "Mirror \u202EDrama Season 2 Review – A calm one", "A calm one", 9, 10, "Calm.", null, null, null, 12);

        var embed = Assert.Single(Renderer().Render(content, Work).Embeds!);

        Assert.Equal("Mirror \u202EDrama\u202C Season 2 Review – A calm one", embed.Title);
        Assert.Equal("Mirror \u202EDrama\u202C Season 2 Review – A calm one", AnnouncementRenderer.ThreadName(content));
    }

    [Fact]
    public void Render_LongTitleWithAnUnclosedRightToLeftOverride_IsAValidPostNameThatClosesIt()
    {
        var show = "\u202E" + string.Join(' ', Enumerable.Repeat("word", 40));
        var content = new AnnouncementContent(
            7, show, "mirror-drama", 2, Review.TitleOf(show, 2, ""), "", 9, 10, "Calm.", null, null, null, 12);

        var name = AnnouncementRenderer.ThreadName(content);

        Assert.InRange(name.Length, 1, 100);
        Assert.EndsWith("\u202C", name, StringComparison.Ordinal);
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

    [Fact]
    public void Render_WithoutTheChartForHundredsOfEpisodes_ListsWholeScoresAndCountsTheRest()
    {
        var content = new AnnouncementContent(
            9, "Long Runner", "long-runner", 1, "Long Runner Season 1 Review", "Long", 7, 10, "Long.", null, null, null, 400)
        {
            Episodes = [.. Enumerable.Range(1, 400).Select(n => new EpisodeEntry(n, $"E{n}", new Score(n % 2 == 0 ? 3.5 : 4, 5)))],
        };
        var work = new AnnouncementWork(1, 2, 9, 3, 4, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, false, null, null);

        var row = Renderer().Render(content, work, withChart: false).Embeds![0].Fields!.Single(f => f.Name == "Episode scores").Value;

        Assert.InRange(row.Length, 1, 1024);
        var match = System.Text.RegularExpressions.Regex.Match(row, @"^`((?:[\d.]+ )+)…and (\d+) more` /5 · average 3\.8$");
        Assert.True(match.Success, row);
        Assert.Equal(400, match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The link buttons only: every announcement also carries the rating menu.</summary>
    private static List<MessageComponent> LinkButtons(MessageRequest message) =>
        (message.Components ?? []).SelectMany(r => r.Components ?? []).Where(c => c.Style == ButtonStyle.Link).ToList();

    private static AnnouncementRenderer Renderer() =>
        new(ReviewBot.Tests.Charts.TestCharts.Cache());
}
