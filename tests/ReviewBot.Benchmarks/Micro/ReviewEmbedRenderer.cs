using System.Globalization;
using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// The /review answer laid out as issue 4 describes it, with the Discord layer's builders. A stand-in
/// until the bot's own renderer is on this branch: it does the same kind of work (escaping, star
/// rows, a guide split into fields, limits enforced by the builders), so its cost is representative.
/// </summary>
internal static class ReviewEmbedRenderer
{
    public static InteractionResponse Render(ReviewDetails review)
    {
        var title = $"{review.Show.Title} — Season {review.Season} Review";
        var embed = new EmbedBuilder()
            .WithTitle(title)
            .WithUrl(review.SourceUrl?.ToString())
            .WithDescription($"**{MarkdownEscaper.Escape(review.Headline)}**\n\n{MarkdownEscaper.Escape(review.Summary)}")
            .WithColor(0xC0392B);
        if (review.Verdict is { } verdict)
        {
            embed.AddField("Verdict", $"**{verdict}**", inline: true);
        }

        if (review.AverageEpisodeScore is { } average)
        {
            embed.AddField("Average episode", $"{Stars(average.Value, average.Scale)} {average}", inline: true);
        }

        embed.AddField("Best", string.Join("\n", review.Best.Select(e => $"Ep {e.Number}: {MarkdownEscaper.Escape(e.Title)}")), inline: false);
        if (review.Worst.Count > 0)
        {
            embed.AddField("Worst", string.Join("\n", review.Worst.Select(e => $"Ep {e.Number}: {MarkdownEscaper.Escape(e.Title)}")), inline: false);
        }

        // The guide is split into fields of at most 1024 characters, one line per episode.
        var part = new StringBuilder();
        var partNumber = 1;
        foreach (var episode in review.Episodes)
        {
            var line = $"`{episode.Number,2}` {MarkdownEscaper.Escape(episode.Title)} {(episode.Score is { } s ? Stars(s.Value, s.Scale) + " " + s : "")}";
            if (part.Length + line.Length + 1 > DiscordLimits.EmbedFieldValue)
            {
                embed.AddField(partNumber++ == 1 ? "Episode guide" : "Episode guide (cont.)", part.ToString());
                part.Clear();
            }

            part.Append(line).Append('\n');
        }

        if (part.Length > 0)
        {
            embed.AddField(partNumber == 1 ? "Episode guide" : "Episode guide (cont.)", part.ToString());
        }

        if (review.Author is not null || review.Published is not null)
        {
            embed.WithFooter(string.Join(" · ", new[] { review.Author, review.Published?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) }.OfType<string>()));
        }

        var message = new MessageBuilder().AddEmbed(embed);
        if (review.SourceUrl is { } url)
        {
            message.AddRow(new ActionRowBuilder().Add(Buttons.Link(url.ToString(), "Read the full review")).Build());
        }

        return new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, message.Build());
    }

    /// <summary>Five stars with halves: 3.5/5 is ★★★½☆.</summary>
    private static string Stars(double value, double scale)
    {
        var outOfFive = Math.Round(value / scale * 10, MidpointRounding.AwayFromZero) / 2;
        var full = (int)outOfFive;
        var half = outOfFive - full >= 0.5;
        return new string('★', full) + (half ? "½" : "") + new string('☆', 5 - full - (half ? 1 : 0));
    }
}
