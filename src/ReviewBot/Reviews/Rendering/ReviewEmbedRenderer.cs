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
/// </summary>
public sealed class ReviewEmbedRenderer
{
    /// <summary>Guide lines keep titles short so 60 episodes still fit the 6000-character message budget.</summary>
    private const int GuideTitleLength = 40;

    /// <summary>Room kept for the guide: the summary is shortened before the guide loses lines.</summary>
    private const int SummaryLength = 1200;

    private const int GuideBudget = 4200;

    /// <param name="chart">The episode-score PNG to attach and show as the embed's image; null for none.</param>
    /// <param name="scoreRow">The scores as one row of text, shown instead of a chart that is not stored yet.</param>
    public MessageBuilder Render(ReviewDetails review, ReadOnlyMemory<byte>? chart = null, string? scoreRow = null)
    {
        var title = $"{review.Show.Title} — Season {review.Season} Review";
        var embed = new EmbedBuilder()
            .WithTitle(MarkdownEscaper.Escape(title))
            .WithUrl(review.SourceUrl?.AbsoluteUri is { Length: <= DiscordLimits.EmbedUrl } url ? url : null)
            .WithDescription(Description(review))
            .WithColor(Stars.Color(review.Verdict));

        embed.AddField("Verdict", review.Verdict is { } verdict ? $"**{verdict}**" : "No verdict", inline: true);
        if (review.Community is { } community)
        {
            embed.AddField(RatingMenu.FieldName, RatingMenu.FieldValue(community), inline: true);
        }

        if (review.AverageEpisodeScore is { } average)
        {
            embed.AddField("Average episode", Stars.WithNumber(average), inline: true);
        }

        if (review.Published is { } published)
        {
            // A tag in a field, not the footer: footers show tags as raw text.
            embed.AddField("Published", DiscordTimestamp.Day(published), inline: true);
        }

        if (review.Best.Count > 0)
        {
            embed.AddField("Best", EpisodeList(review.Best), inline: false);
        }

        if (review.Worst.Count > 0)
        {
            embed.AddField("Worst", EpisodeList(review.Worst), inline: false);
        }

        if (scoreRow is not null)
        {
            embed.AddField("Episode scores", scoreRow, inline: false);
        }

        AddGuide(embed, review.Episodes);

        var footer = Footer(review);
        if (footer.Length > 0)
        {
            embed.WithFooter(footer);
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

    private static string Description(ReviewDetails review)
    {
        var text = new StringBuilder();
        if (review.Headline.Length > 0)
        {
            text.Append("**").Append(MarkdownEscaper.Escape(TextShortener.Shorten(review.Headline, 200))).Append("**");
        }

        if (review.Summary.Length > 0)
        {
            text.Append(text.Length > 0 ? "\n\n" : "").Append(MarkdownEscaper.Escape(TextShortener.Shorten(review.Summary, SummaryLength)));
        }

        return text.ToString();
    }

    private static string EpisodeList(IReadOnlyList<EpisodeEntry> episodes) =>
        TextShortener.Shorten(string.Join("\n", episodes.Take(5).Select(Line)) + (episodes.Count > 5 ? $"\n…and {episodes.Count - 5} more" : ""), DiscordLimits.EmbedFieldValue);

    /// <summary>One line per episode; lines are packed into fields of at most 1024 characters, never split.</summary>
    private static void AddGuide(EmbedBuilder embed, IReadOnlyList<EpisodeEntry> episodes)
    {
        if (episodes.Count == 0)
        {
            return;
        }

        var lines = episodes.Select(Line).ToList();
        var used = 0;
        var shown = 0;
        var fields = new List<(int First, int Last, StringBuilder Text)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (used + line.Length + 1 > GuideBudget)
            {
                break;
            }

            if (fields.Count == 0 || fields[^1].Text.Length + line.Length + 1 > DiscordLimits.EmbedFieldValue)
            {
                fields.Add((episodes[i].Number, episodes[i].Number, new StringBuilder()));
            }

            var current = fields[^1];
            current.Text.Append(current.Text.Length > 0 ? "\n" : "").Append(line);
            fields[^1] = current with { Last = episodes[i].Number };
            used += line.Length + 1;
            shown++;
        }

        foreach (var (first, last, text) in fields)
        {
            var name = fields.Count == 1 ? "Episode guide" : $"Episode guide ({first}–{last})";
            if (ReferenceEquals(text, fields[^1].Text) && shown < episodes.Count)
            {
                text.Append($"\n…and {episodes.Count - shown} more: use /episode");
            }

            embed.AddField(name, text.ToString());
        }
    }

    internal static string Line(EpisodeEntry episode)
    {
        var title = episode.Title.Length == 0 ? "" : " " + MarkdownEscaper.Escape(TextShortener.Shorten(episode.Title, GuideTitleLength));
        var score = episode.Score is { } s ? $" — {Stars.WithNumber(s)}" : "";
        return $"`{episode.Number,2}`{title}{score}";
    }

    private static string Footer(ReviewDetails review) =>
        string.IsNullOrWhiteSpace(review.Author) ? "" : "By " + review.Author.Trim();
}
