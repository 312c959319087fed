using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>/search: the top hits, each a field with its verdict, headline and the matching words in bold.</summary>
public sealed class SearchEmbedRenderer
{
    public MessageBuilder Render(string query, IReadOnlyList<SearchHit> results)
    {
        var embed = new EmbedBuilder()
            .WithTitle($"Search: {MarkdownEscaper.Escape(TextShortener.Shorten(query, 200))}")
            .WithColor(0x5865F2);
        if (results.Count == 0)
        {
            embed.WithDescription("No review mentions that. Try fewer or different words.");
        }

        foreach (var hit in results)
        {
            // Field names render bold and italics, so a title like "*Oshi no Ko*" is escaped here too.
            var name = $"{MarkdownEscaper.Escape(hit.Show.Title)} — Season {hit.Season}" + (hit.Verdict is { } v ? $" · {v}" : "");
            var value = (hit.Headline.Length > 0 ? $"**{MarkdownEscaper.Escape(hit.Headline)}**\n" : "") + Snippet(hit.Snippet) + $"\n`/review {hit.Show.Slug} season:{hit.Season}`";
            embed.AddField(name, value);
        }

        return new MessageBuilder().AddEmbed(embed);
    }

    /// <summary>FTS5 marks matches with ** (our own markers); everything between them is review text and is escaped.</summary>
    private static string Snippet(string snippet) =>
        string.Join("**", snippet.ReplaceLineEndings(" ").Split("**").Select(MarkdownEscaper.Escape));
}
