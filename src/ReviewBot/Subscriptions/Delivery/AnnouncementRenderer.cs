using System.Globalization;
using ReviewBot.Charts;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Ratings;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// An announcement as Discord shows it: a short embed (title, summary, verdict, episodes), a "Read
/// the full review" link button, and a role mention only when the subscription has a role, with
/// allowed_mentions naming exactly that role: nobody is pinged who did not ask for it.
/// </summary>
public sealed class AnnouncementRenderer(ChartCache charts)
{
    /// <summary>Shorter than /review's embed: a teaser, the link has the rest.</summary>
    public const int SummaryLength = 400;

    private const int Color = 0xC0392B;

    /// <summary>Forum post titles are 1-100 characters.</summary>
    private const int ThreadNameLength = 100;

    /// <param name="withChart">
    /// False after Discord refused an upload (no Attach Files in the channel): the scores then go as a
    /// compact row of text instead of the chart.
    /// </param>
    public MessageRequest Render(AnnouncementContent review, AnnouncementWork work, bool withChart = true)
    {
        var message = RenderBody(review, work.RoleId, withChart);
        return !work.IsEdit && work.Kind == ChannelKind.Text
            ? message with { Nonce = MessageNonce.ForAnnouncement(work.ReviewId, work.SubscriptionId), EnforceNonce = true }
            : message;
    }

    /// <summary>
    /// The announcement without its nonce: everything in it depends on the review as read, the
    /// subscription's role and <paramref name="withChart"/>, nothing on the channel, so one body serves
    /// every channel of a fan-out (<see cref="AnnouncementBodies"/>).
    /// </summary>
    public MessageRequest RenderBody(AnnouncementContent review, ulong? roleId, bool withChart = true)
    {
        var message = new MessageBuilder();
        if (roleId is { } role)
        {
            message.WithContent($"<@&{role.ToString(CultureInfo.InvariantCulture)}> New review: {MarkdownEscaper.Escape(review.ShowTitle)}")
                .AllowRoleMention(new Snowflake(role));
        }

        var embed = Embed(review);
        var chart = withChart ? charts.ForAnnouncement(review.ReviewId, review.Episodes) : null;
        if (chart is not null)
        {
            embed.WithImage("attachment://" + EpisodeChart.FileName);
            message.AddFile(new FileUpload(EpisodeChart.FileName, chart));
        }
        else if (ScoreRow.Of(review.Episodes) is { } row)
        {
            embed.AddField("Episode scores", row);
        }

        message.AddEmbed(embed);
        if (WebUrl(review.SourceUrl, DiscordLimits.LinkUrl) is { } url)
        {
            message.AddRow(new ActionRowBuilder().Add(Buttons.Link(url, "Read the full review")).Build());
        }

        message.AddRow(RatingMenu.Row(review.ReviewId));
        return message.Build();
    }

    /// <summary>
    /// A forum post's title: the review's title within Discord's 100 characters, else the show's; what
    /// either leaves open of right-to-left controls is closed within those 100.
    /// </summary>
    public static string ThreadName(AnnouncementContent review) =>
        TextShortener.Shorten(Title(review), ThreadNameLength, "") is { Length: > 0 } name ? name : TextShortener.Shorten(review.ShowTitle, ThreadNameLength, "");

    /// <summary>
    /// The review's title as /review writes it: what the show's title leaves open of right-to-left
    /// controls is closed before the bot's " Season 2 Review", which an override would otherwise reverse
    /// together with the headline after it (<see cref="BidiClosing"/>).
    /// </summary>
    private static string Title(AnnouncementContent review) =>
        Review.TitleOf(BidiClosing.Close(review.ShowTitle), review.Season, review.Headline);

    public ForumThreadRequest RenderForumPost(AnnouncementContent review, AnnouncementWork work, bool withChart = true) =>
        new()
        {
            Name = ThreadName(review),
            Message = Render(review, work, withChart),
        };

    private static EmbedBuilder Embed(AnnouncementContent review)
    {
        // Titles and summaries come from imports and feeds: escaped as /review escapes them, so a
        // feed item cannot put a masked link, a spoiler or a heading into every subscribed channel.
        var embed = new EmbedBuilder()
            .WithTitle(MarkdownEscaper.Escape(Title(review)))
            .WithDescription(MarkdownEscaper.Escape(TextShortener.Shorten(review.Summary, SummaryLength)))
            .WithColor(Color);
        if (WebUrl(review.SourceUrl, DiscordLimits.EmbedUrl) is { } url)
        {
            embed.WithUrl(url);
        }

        if (review.VerdictScore is { } score && review.VerdictScale is { } scale)
        {
            embed.AddField("Verdict", $"{Number(score)}/{Number(scale)}", inline: true);
        }

        embed.AddField(RatingMenu.FieldName, RatingMenu.FieldValue(review.Community), inline: true);

        if (review.EpisodeCount > 0)
        {
            embed.AddField("Episodes", review.EpisodeCount.ToString(CultureInfo.InvariantCulture), inline: true);
        }

        if (review.Published is { } published)
        {
            // Each reader sees the day in their own time zone and language; a footer would show the raw tag.
            embed.AddField("Published", DiscordTimestamp.Day(published), inline: true);
        }

        // A footer shows its text as typed (Discord renders no Markdown there), so it is not escaped:
        // a backslash would show, as it would in /review's footer. A right-to-left override the title
        // leaves open is still closed, or it would reverse the season and the author after it.
        var show = BidiClosing.Close(review.ShowTitle);
        embed.WithFooter(review.Author is { Length: > 0 } author ? $"{show} · Season {review.Season} · by {author}" : $"{show} · Season {review.Season}");
        return embed;
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Link buttons and embed urls need an absolute http(s) url within their own length limit.</summary>
    private static string? WebUrl(string? url, int maxLength) =>
        url is { Length: > 0 } && url.Length <= maxLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;
}
