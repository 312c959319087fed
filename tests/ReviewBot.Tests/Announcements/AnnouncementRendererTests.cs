using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Tests.Announcements;

/// <summary>The announcement's links follow Discord's limits, the same ones /review's embed uses.</summary>
public sealed class AnnouncementRendererTests
{
    private static readonly AnnouncementWork Work = new(1, 2, 3, 10, 11, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, IsEdit: false, null, null);

    [Fact]
    public void Render_UrlWithinTheButtonLimit_LinksTheEmbedAndTheButton()
    {
        var url = Url(DiscordLimits.LinkUrl);

        var message = new AnnouncementRenderer().Render(Content(url), Work);

        Assert.Equal(url, message.Embeds![0].Url);
        Assert.Single(message.Components!);
    }

    [Fact]
    public void Render_UrlLongerThanAButtonAllows_StillLinksTheEmbed_WithoutAButton()
    {
        var url = Url(DiscordLimits.LinkUrl + 1);

        var message = new AnnouncementRenderer().Render(Content(url), Work);

        Assert.Equal(url, message.Embeds![0].Url);
        Assert.True(message.Components is null or { Count: 0 });
    }

    [Fact]
    public void Render_UrlLongerThanAnEmbedAllows_LinksNothing()
    {
        var message = new AnnouncementRenderer().Render(Content(Url(DiscordLimits.EmbedUrl + 1)), Work);

        Assert.Null(message.Embeds![0].Url);
        Assert.True(message.Components is null or { Count: 0 });
    }

    private static string Url(int length)
    {
        const string prefix = "https://reviews.example/";
        return prefix + new string('a', length - prefix.Length);
    }

    private static AnnouncementContent Content(string url) =>
        new(3, "Metallic Rouge", "metallic-rouge", 1, "Metallic Rouge Season 1 Review", "", 6, 10, "A summary.", url, null, null, 13);
}
