using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Charts;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Ratings;

namespace ReviewBot.Reviews.Rendering;

/// <summary>
/// /review as one embed: title linking to the source, headline and summary, the verdict as the first
/// field, average, best and worst, then the episode guide packed into fields. Discord rejects the
/// whole message if one limit breaks (docs: Resources, Message, "Embed Limits": field value 1024,
/// 25 fields, 6000 characters over all embeds; see DiscordLimits), so the guide is sized here and the builders cut anything still over.
/// The description and the guide share what the other parts leave of the 6000: the guide is packed
/// first, always ending in its "…and N more" line when episodes are left out, and the description
/// is shortened to the rest, never below a floor that keeps the headline. Left to the builder, the
/// 6000 would drop the description and then the guide's last field, and the line with it.
/// </summary>
public sealed class ReviewEmbedRenderer
{
    /// <summary>Guide lines keep titles short so 60 episodes still fit the 6000-character message budget.</summary>
    private const int GuideTitleLength = 40;

    /// <summary>Room kept for the guide: the summary is shortened before the guide loses lines.</summary>
    private const int SummaryLength = 1200;

    private const int GuideBudget = 4200;

    /// <summary>What the description keeps before the guide gives up lines: the headline and the start of the summary.</summary>
    private const int DescriptionFloor = 600;

    /// <summary>The longest guide field name, "Episode guide (10000–10000)".</summary>
    private const int GuideNameLength = 27;

    /// <summary>The longest "\n…and 10000 more: use /episode".</summary>
    private const int MoreLineLength = 30;

    /// <summary>The footer names the author: a name, so no longer than Discord allows an embed author's.</summary>
    private const int FooterLength = DiscordLimits.EmbedAuthorName;

    /// <param name="chart">The episode-score PNG to attach and show as the embed's image; null for none.</param>
    /// <param name="scoreRow">The scores as one row of text, shown instead of a chart that is not stored yet.</param>
    public MessageBuilder Render(ReviewDetails review, ReadOnlyMemory<byte>? chart = null, string? scoreRow = null)
    {
        // One builder for every piece of text the embed needs, cleared between them: each piece is
        // written into it once and copied out once, into the string the embed keeps.
        var text = new StringBuilder(256);
        var embed = new EmbedBuilder()
            .WithTitle(Title(text, review))
            .WithUrl(review.SourceUrl?.AbsoluteUri is { Length: <= DiscordLimits.EmbedUrl } url ? url : null)
            .WithColor(Stars.Color(review.Verdict));

        embed.AddField("Verdict", review.Verdict is { } verdict ? text.Clear().Append("**").Append(verdict).Append("**").ToString() : "No verdict", inline: true);
        if (review.Community is { } community)
        {
            embed.AddField(RatingMenu.FieldName, RatingMenu.FieldValue(community), inline: true);
        }

        if (review.AverageEpisodeScore is { } average)
        {
            embed.AddField("Average episode", Stars.AppendWithNumber(text.Clear(), average).ToString(), inline: true);
        }

        if (review.Published is { } published)
        {
            // A tag in a field, not the footer: footers show tags as raw text.
            embed.AddField("Published", DiscordTimestamp.Day(published), inline: true);
        }

        if (review.Best.Count > 0)
        {
            embed.AddField("Best", EpisodeList(text.Clear(), review.Best), inline: false);
        }

        if (review.Worst.Count > 0)
        {
            embed.AddField("Worst", EpisodeList(text.Clear(), review.Worst), inline: false);
        }

        if (scoreRow is not null)
        {
            embed.AddField("Episode scores", scoreRow, inline: false);
        }

        var footer = Footer(review);
        if (footer.Length > 0)
        {
            embed.WithFooter(TextShortener.Shorten(footer, FooterLength));
        }

        // A rating changes the Community field in the message as sent, with nothing else built again:
        // the room its score may still grow by is kept, so no later score takes the message past 6000.
        var description = Description(text.Clear(), review);
        var left = DiscordLimits.EmbedTotalCharacters - embed.CountedCharacters - (review.Community is { } shown ? RatingMenu.RoomToGrow(shown) : 0);
        var guide = AddGuide(embed, review.Episodes, text.Clear(), left - Math.Min(description.Length, DescriptionFloor));
        if (left - guide > 0)
        {
            embed.WithDescription(MarkdownShortener.Shorten(description, Math.Min(left - guide, DiscordLimits.EmbedDescription)));
        }

        var message = new MessageBuilder();
        if (chart is { } png)
        {
            embed.WithImage("attachment://" + EpisodeChart.FileName);
            message.AddFile(new FileUpload(EpisodeChart.FileName, png));
        }

        message.AddEmbed(embed);
        if (review.SourceUrl is { } source && source.AbsoluteUri.Length <= DiscordLimits.LinkUrl && source.Scheme is "http" or "https")
        {
            message.AddRow(new ActionRowBuilder().Add(Buttons.Link(source.AbsoluteUri, "Read the full review")).Build());
        }

        if (review.ReviewId > 0 && review.Community is not null)
        {
            message.AddRow(RatingMenu.Row(review.ReviewId));
        }

        return message;
    }

    /// <summary>"Show — Season 2 Review", escaped; a long title gives way to the season, which says which review this is.</summary>
    private static string Title(StringBuilder text, ReviewDetails review) =>
        MarkdownShortener.Shorten(text.AppendEscaped(review.Show.Title).ToString(), DiscordLimits.EmbedTitle, $" — Season {review.Season} Review");

    private static string Description(StringBuilder text, ReviewDetails review)
    {
        if (review.Headline.Length > 0)
        {
            text.Append("**").AppendEscaped(TextShortener.Shorten(review.Headline, 200)).Append("**");
        }

        if (review.Summary.Length > 0)
        {
            text.Append(text.Length > 0 ? "\n\n" : "").AppendEscaped(TextShortener.Shorten(review.Summary, SummaryLength));
        }

        return text.ToString();
    }

    private static string EpisodeList(StringBuilder text, IReadOnlyList<EpisodeEntry> episodes)
    {
        for (var i = 0; i < episodes.Count && i < 5; i++)
        {
            AppendLine(i == 0 ? text : text.Append('\n'), episodes[i]);
        }

        if (episodes.Count > 5)
        {
            text.Append("\n…and ").Append(episodes.Count - 5).Append(" more");
        }

        return MarkdownShortener.Shorten(text.ToString(), DiscordLimits.EmbedFieldValue);
    }

    /// <summary>
    /// One line per episode; lines are packed into fields of at most 1024 characters, never split,
    /// within <paramref name="room"/> characters of field names and values. While episodes are left,
    /// each line is taken only if the "…and N more" line still fits after it, in its field and in the
    /// room, so the guide always says what it leaves out. Each line is written into
    /// <paramref name="line"/> and then copied to its field's text, so only the fields become strings.
    /// </summary>
    /// <returns>The characters of the fields added, names and values.</returns>
    private static int AddGuide(EmbedBuilder embed, IReadOnlyList<EpisodeEntry> episodes, StringBuilder line, int room)
    {
        if (episodes.Count == 0)
        {
            return 0;
        }

        var used = 0;
        var counted = 0;
        var shown = 0;
        var done = new List<(int First, int Last, string Text)>();
        var current = new StringBuilder(DiscordLimits.EmbedFieldValue);
        var (first, last) = (0, 0);
        for (var i = 0; i < episodes.Count; i++)
        {
            AppendLine(line.Clear(), episodes[i]);
            var reserve = i < episodes.Count - 1 ? MoreLineLength : 0;
            var newField = shown == 0 || current.Length + 1 + line.Length + reserve > DiscordLimits.EmbedFieldValue;
            var cost = line.Length + (newField ? GuideNameLength : 1);
            if (used + line.Length + 1 > GuideBudget || counted + cost + reserve > room)
            {
                break;
            }

            if (newField)
            {
                if (shown > 0)
                {
                    done.Add((first, last, current.ToString()));
                    current.Clear();
                }

                first = episodes[i].Number;
            }

            (current.Length > 0 ? current.Append('\n') : current).Append(line);
            last = episodes[i].Number;
            used += line.Length + 1;
            counted += cost;
            shown++;
        }

        if (shown == 0)
        {
            // Not one line fits: the guide is only where to find the episodes.
            var all = $"{episodes.Count} episodes: use /episode";
            embed.AddField("Episode guide", all);
            return "Episode guide".Length + all.Length;
        }

        if (shown < episodes.Count)
        {
            current.Append("\n…and ").Append(episodes.Count - shown).Append(" more: use /episode");
        }

        done.Add((first, last, current.ToString()));
        var length = 0;
        foreach (var (from, to, value) in done)
        {
            var name = done.Count == 1 ? "Episode guide" : $"Episode guide ({from}–{to})";
            embed.AddField(name, value);
            length += name.Length + value.Length;
        }

        return length;
    }

    /// <summary>"`12` Title — 3.5/5 ★★★½☆": the number right-aligned in two places, the title shortened and escaped, the score with stars.</summary>
    internal static StringBuilder AppendLine(StringBuilder text, EpisodeEntry episode)
    {
        Span<char> number = stackalloc char[11];
        episode.Number.TryFormat(number, out var written);
        text.Append('`');
        if (written < 2)
        {
            text.Append(' ', 2 - written);
        }

        text.Append(number[..written]).Append('`');
        if (episode.Title.Length > 0)
        {
            text.Append(' ').AppendEscaped(TextShortener.Shorten(episode.Title, GuideTitleLength));
        }

        if (episode.Score is { } score)
        {
            Stars.AppendWithNumber(text.Append(" — "), score);
        }

        return text;
    }

    private static string Footer(ReviewDetails review) =>
        string.IsNullOrWhiteSpace(review.Author) ? "" : "By " + review.Author.Trim();
}
