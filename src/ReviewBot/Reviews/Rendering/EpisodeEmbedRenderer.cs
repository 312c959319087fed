using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>Where the episode buttons lead: custom_ids are built by the caller (they name handlers, not rendering).</summary>
/// <param name="Previous">custom_id of the previous episode, null when this is the first.</param>
/// <param name="Next">custom_id of the next episode, null when this is the last.</param>
public sealed record EpisodeNavigation(int? PreviousNumber, string? Previous, int? NextNumber, string? Next, string WholeReview);

/// <summary>/episode as an embed: "Episode 9: The Ones Who Visited", its score with stars, what the review says about it.</summary>
public sealed class EpisodeEmbedRenderer
{
    private const int MentionsLength = 3000;

    public MessageBuilder Render(EpisodeAnswer.Found found, EpisodeNavigation? navigation)
    {
        var episode = found.Episode;
        var title = episode.Title.Length == 0 ? $"Episode {episode.Number}" : $"Episode {episode.Number}: {episode.Title}";
        var embed = new EmbedBuilder()
            .WithAuthor(Author(found.Show.Title, $" — Season {found.Season}"))
            .WithTitle(MarkdownEscaper.Escape(title))
            .WithUrl(found.SourceUrl?.AbsoluteUri is { Length: <= DiscordLimits.EmbedUrl } url ? url : null)
            .WithDescription(Mentions(found.Mentions))
            .WithColor(Stars.Color(episode.Score));
        embed.AddField("Score", episode.Score is { } score ? Stars.WithNumber(score) : "Not scored", inline: true);
        if (found.Headline.Length > 0)
        {
            embed.WithFooter(found.Headline);
        }

        var message = new MessageBuilder().AddEmbed(embed);
        if (navigation is not null)
        {
            // Disabled rather than missing, so the row does not jump around while paging (custom_ids stay unique: 6.5).
            var row = new ActionRowBuilder()
                .Add(Buttons.Secondary(navigation.Previous ?? navigation.WholeReview + ":prev", navigation.PreviousNumber is { } p ? $"◀ Episode {p}" : "◀ Previous", disabled: navigation.Previous is null))
                .Add(Buttons.Secondary(navigation.Next ?? navigation.WholeReview + ":next", navigation.NextNumber is { } n ? $"Episode {n} ▶" : "Next ▶", disabled: navigation.Next is null))
                .Add(Buttons.Primary(navigation.WholeReview, "Whole review"));
            message.AddRow(row.Build());
        }

        return message;
    }

    private static string Mentions(IReadOnlyList<string> mentions)
    {
        if (mentions.Count == 0)
        {
            return "*The review does not discuss this episode on its own.*";
        }

        // Each quote is written straight into the text, its line endings made spaces and escaped on
        // the way, and taken back out if it does not fit: no copy of a quote of its own.
        var text = new StringBuilder();
        var shown = 0;
        foreach (var mention in mentions)
        {
            var before = text.Length;
            var separator = before > 0 ? 1 : 0;
            var atLineStart = true;
            text.Append(before > 0 ? "\n> " : "> ");
            for (var i = 0; i < mention.Length; i++)
            {
                var c = mention[i];
                if (c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029')
                {
                    // As string.ReplaceLineEndings(" ") does: CR LF is one line ending.
                    if (c == '\r' && i + 1 < mention.Length && mention[i + 1] == '\n')
                    {
                        i++;
                    }

                    c = ' ';
                }

                text.AppendEscaped(c, ref atLineStart);
            }

            var line = text.Length - before - separator;
            if (before + line + 1 > MentionsLength)
            {
                text.Length = before;
                break;
            }

            shown++;
        }

        if (shown == 0)
        {
            text.Append(MarkdownShortener.Shorten("> " + MarkdownEscaper.Escape(mentions[0].ReplaceLineEndings(" ")), MentionsLength));
            shown = 1;
        }

        // The quotes left out are counted, not dropped without a word: the description has room for
        // the line past the quotes' own length (Discord allows 4096).
        if (shown < mentions.Count)
        {
            text.Append('\n').Append(WholeItems.More(mentions.Count - shown));
        }

        return text.ToString();
    }

    /// <summary>
    /// The show's title, then <paramref name="season"/> whole: the author line shows text as typed, so
    /// the title is cut as plain text (<see cref="TextShortener.Shorten(string?, int, string)"/>).
    /// </summary>
    private static string Author(string show, string season) => TextShortener.Shorten(show, DiscordLimits.EmbedAuthorName, season);
}
