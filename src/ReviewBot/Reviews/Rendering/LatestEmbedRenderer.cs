using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>/latest: one line per review, newest first, with its verdict and date.</summary>
/// <remarks>
/// Ten reviews with the longest titles, headlines and links import allows are several times
/// Discord's 4096-character description, and a description cut by length can end inside a masked
/// link, which then shows as raw brackets and a bare address. So each review's entry is written
/// whole, in the fullest of a few forms that fits its fair share of what is left (a shorter headline,
/// then none, a shorter title, then no link), and an entry that cannot fit even so is counted in a
/// last "…and N more" line instead of being cut.
/// </remarks>
public sealed class LatestEmbedRenderer
{
    /// <summary>The forms an entry may take, fullest first.</summary>
    private static readonly IReadOnlyList<EntryForm> Forms =
    [
        new(TitleLength: 100, Linked: true, HeadlineLength: 150),
        new(TitleLength: 100, Linked: true, HeadlineLength: 60),
        new(TitleLength: 100, Linked: true, HeadlineLength: 0),
        new(TitleLength: 40, Linked: true, HeadlineLength: 0),
        new(TitleLength: 100, Linked: false, HeadlineLength: 60),
        new(TitleLength: 40, Linked: false, HeadlineLength: 0),
    ];

    /// <summary>Room kept for "\n…and 10 more".</summary>
    private const int MoreLineLength = 16;

    public MessageBuilder Render(IReadOnlyList<ReviewListing> latest)
    {
        var text = new StringBuilder();
        var entry = new StringBuilder();
        var budget = DiscordLimits.EmbedDescription - MoreLineLength;
        var shown = 0;
        for (; shown < latest.Count; shown++)
        {
            var share = (budget - text.Length) / (latest.Count - shown);
            var fits = false;
            foreach (var form in Forms)
            {
                AppendEntry(entry.Clear(), latest[shown], form);
                if (entry.Length <= share)
                {
                    fits = true;
                    break;
                }
            }

            if (!fits)
            {
                break;
            }

            text.Append(entry);
        }

        if (shown < latest.Count)
        {
            text.Append("…and ").Append(latest.Count - shown).Append(" more");
        }

        var embed = new EmbedBuilder()
            .WithTitle("Latest reviews")
            .WithDescription(latest.Count == 0 ? "No reviews yet." : text.ToString())
            .WithColor(0x5865F2);
        return new MessageBuilder().AddEmbed(embed);
    }

    /// <summary>"• [Title — Season 1](link) · **7/10** · date", then the headline indented on its own line.</summary>
    private static void AppendEntry(StringBuilder text, ReviewListing review, EntryForm form)
    {
        var title = MarkdownEscaper.Escape(TextShortener.Shorten(review.Show.Title, form.TitleLength));
        if (form.Linked && review.SourceUrl is { } url)
        {
            text.Append("• [").Append(title).Append(" — Season ").Append(review.Season).Append("](").Append(MarkdownEscaper.LinkTarget(url)).Append(')');
        }
        else
        {
            text.Append("• **").Append(title).Append("** — Season ").Append(review.Season);
        }

        if (review.Verdict is { } verdict)
        {
            text.Append(" · **").Append(verdict).Append("**");
        }

        text.Append(" · ").Append(DiscordTimestamp.Day(review.Date));
        if (form.HeadlineLength > 0 && review.Headline.Length > 0)
        {
            text.Append("\n  ").Append(MarkdownEscaper.Escape(TextShortener.Shorten(review.Headline, form.HeadlineLength)));
        }

        text.Append('\n');
    }

    private readonly record struct EntryForm(int TitleLength, bool Linked, int HeadlineLength);
}
