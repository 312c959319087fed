using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>Helpful ephemeral texts for answers that found nothing; what users typed is escaped before it is echoed.</summary>
public static class NotFoundText
{
    public static string ShowNotFound(string query, IReadOnlyList<ShowRef> suggestions) => suggestions.Count == 0
        ? $"I couldn't find a reviewed show called “{Echo(query)}”. Start typing in the `show` option to pick one, or try `/search` or `/latest`."
        : $"I couldn't find a show called “{Echo(query)}”. Did you mean "
          + string.Join(", ", suggestions.Take(5).Select(s => $"**{MarkdownEscaper.Escape(s.Title)}** (`{s.Slug}`)")) + "?";

    public static string SeasonNotFound(ShowRef show, int season, IReadOnlyList<int> available) =>
        available.Count == 0
            ? $"**{MarkdownEscaper.Escape(show.Title)}** has no review yet."
            : $"**{MarkdownEscaper.Escape(show.Title)}** has no Season {season} review. Reviewed: "
              + string.Join(", ", available.Select(s => $"Season {s}")) + ".";

    public static string OutOfRange(EpisodeAnswer.OutOfRange range) =>
        $"**{MarkdownEscaper.Escape(range.Show.Title)}** Season {range.Season} has episodes {range.First}–{range.Last}; there is no episode {range.Requested}.";

    public static string NoSuchEpisode(EpisodeAnswer.NoSuchEpisode none) => none.Season is { } season
        ? $"No reviewed show has an episode {none.Number} in season {season}. Name the show with the `show` option."
        : $"No reviewed show has an episode {none.Number}. Name the show with the `show` option.";

    private static string Echo(string text) => MarkdownEscaper.Escape(TextShortener.Shorten(text, 100));
}
