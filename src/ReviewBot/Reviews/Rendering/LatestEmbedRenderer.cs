using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>/latest: one line per review, newest first, with its verdict and date.</summary>
public sealed class LatestEmbedRenderer
{
    public MessageBuilder Render(IReadOnlyList<ReviewListing> latest)
    {
        var text = new StringBuilder();
        foreach (var review in latest)
        {
            var title = review.SourceUrl is { } url
                ? $"[{MarkdownEscaper.Escape(review.Show.Title)} — Season {review.Season}]({MarkdownEscaper.LinkTarget(url)})"
                : $"**{MarkdownEscaper.Escape(review.Show.Title)}** — Season {review.Season}";
            text.Append("• ").Append(title);
            if (review.Verdict is { } verdict)
            {
                text.Append(" · **").Append(verdict).Append("**");
            }

            text.Append(" · ").Append(DiscordTimestamp.Day(review.Date));
            if (review.Headline.Length > 0)
            {
                text.Append("\n  ").Append(MarkdownEscaper.Escape(TextShortener.Shorten(review.Headline, 150)));
            }

            text.Append('\n');
        }

        var embed = new EmbedBuilder()
            .WithTitle("Latest reviews")
            .WithDescription(latest.Count == 0 ? "No reviews yet." : text.ToString())
            .WithColor(0x5865F2);
        return new MessageBuilder().AddEmbed(embed);
    }
}
