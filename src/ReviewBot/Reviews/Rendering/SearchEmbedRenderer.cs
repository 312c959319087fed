using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>/search: the top hits, each a field with its verdict, headline and the matching words in bold.</summary>
public sealed class SearchEmbedRenderer
{
    /// <summary>A headline as /review's description shows it, so the snippet below it has room too.</summary>
    private const int HeadlineLength = 200;

    /// <summary>What is said when the search found more than it shows.</summary>
    public const string MoreMatch = "More reviews match: add words to the search to narrow it.";

    /// <param name="hits">The best hits, one more than <paramref name="limit"/> when there are more: that one is not shown, it says more match.</param>
    public MessageBuilder Render(string query, IReadOnlyList<SearchHit> hits, int limit)
    {
        var results = hits.Count > limit ? hits.Take(limit).ToList() : hits;
        var embed = new EmbedBuilder()
            .WithTitle($"Search: {TypedText.Quote(query, 200)}")
            .WithColor(0x5865F2);
        if (results.Count == 0)
        {
            embed.WithDescription("No review mentions that. Try fewer or different words.");
        }

        embed.WithDroppedFieldsHint("Add words to the search to narrow it.");
        if (hits.Count > limit)
        {
            embed.WithFooter(MoreMatch);
        }

        // Five fields at Discord's 256 + 1024 are more than an embed's 6000 together, and the builder
        // would leave out the last result to make room. So each result is written to its fair share of
        // what the embed has left, once: a shorter snippet costs less than a result not shown.
        var left = DiscordLimits.EmbedTotalCharacters - embed.CountedCharacters;
        for (var i = 0; i < results.Count; i++)
        {
            var hit = results[i];
            var share = left / (results.Count - i);

            // Field names render bold and italics, so a title like "*Oshi no Ko*" is escaped here too.
            // A long title gives way to what follows it: the season and verdict say which review this is.
            var season = $" — Season {hit.Season}" + (hit.Verdict is { } v ? $" · {v}" : "");
            var name = MarkdownShortener.Shorten(MarkdownEscaper.Escape(hit.Show.Title), Math.Clamp(share / 4, 1, DiscordLimits.EmbedFieldName), season);

            // The hint how to open the review is kept whole: the headline and snippet give way to it.
            var body = (hit.Headline.Length > 0 ? $"**{MarkdownEscaper.Escape(TextShortener.Shorten(hit.Headline, HeadlineLength))}**\n" : "") + Snippet(hit);
            var value = MarkdownShortener.Shorten(body, Math.Clamp(share - name.Length, 1, DiscordLimits.EmbedFieldValue), $"\n`/review {hit.Show.Slug} season:{hit.Season}`");
            embed.AddField(name, value);
            left -= name.Length + value.Length;
        }

        return new MessageBuilder().AddEmbed(embed);
    }

    /// <summary>Matched words in bold; every run of review text, matched or not, is escaped (its own "**" too).</summary>
    private static string Snippet(SearchHit hit)
    {
        var text = new StringBuilder();
        var atLineStart = true;
        foreach (var (part, isMatch) in hit.SnippetParts())
        {
            if (isMatch)
            {
                text.Append("**");
            }

            text.AppendEscaped(part.ReplaceLineEndings(" "), ref atLineStart);
            if (isMatch)
            {
                text.Append("**");
            }
        }

        return text.ToString();
    }
}
