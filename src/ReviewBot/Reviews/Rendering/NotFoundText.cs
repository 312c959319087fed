using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>Helpful ephemeral texts for answers that found nothing; what users typed is escaped before it is echoed.</summary>
public static class NotFoundText
{
    /// <summary>How much of a suggested title is shown: the slug beside it says which show it is.</summary>
    private const int SuggestionTitleLength = 100;

    /// <summary>
    /// "Did you mean …?" with whole suggestions: five titles of up to 500 characters, escaped, are more
    /// than a message's 2000, and a cut would lose the later ones and the question's end. So each title
    /// is shortened, and a suggestion that still does not fit is counted rather than cut.
    /// </summary>
    public static string ShowNotFound(string query, IReadOnlyList<ShowRef> suggestions) => suggestions.Count == 0
        ? $"I couldn't find a reviewed show called “{Echo(query)}”. Start typing in the `show` option to pick one, or try `/search` or `/latest`."
        : WholeItems.Join(
            $"I couldn't find a show called “{Echo(query)}”. Did you mean ",
            suggestions.Select(s => $"{Bold(s.Title)} (`{s.Slug}`)").ToList(),
            ", ",
            DiscordLimits.MessageContent,
            "?");

    /// <summary>A suggested show's title in bold, shortened to <see cref="SuggestionTitleLength"/> and escaped.</summary>
    public static string Bold(string title) => $"**{MarkdownEscaper.Escape(TextShortener.Shorten(title, SuggestionTitleLength))}**";

    /// <summary>The reviewed seasons as whole "Season N" items: a show with hundreds of them names those that fit and counts the rest.</summary>
    public static string SeasonNotFound(ShowRef show, int season, IReadOnlyList<int> available) =>
        available.Count == 0
            ? $"**{MarkdownEscaper.Escape(show.Title)}** has no review yet."
            : WholeItems.Join(
                $"**{MarkdownEscaper.Escape(show.Title)}** has no Season {season} review. Reviewed: ",
                available.Select(s => $"Season {s}").ToList(),
                ", ",
                DiscordLimits.MessageContent,
                ".");

    /// <summary>
    /// The guide's first and last episode, and that the one asked for is not among them. Guides may skip
    /// numbers: one asked for between the two is said to be skipped, not missing from a range it is in.
    /// </summary>
    public static string OutOfRange(EpisodeAnswer.OutOfRange range) =>
        range.IsSkipped
            ? $"**{MarkdownEscaper.Escape(range.Show.Title)}** Season {range.Season} has episodes {range.First}–{range.Last}, but its guide skips episode {range.Requested}."
            : $"**{MarkdownEscaper.Escape(range.Show.Title)}** Season {range.Season} has episodes {range.First}–{range.Last}; there is no episode {range.Requested}.";

    public static string NoSuchEpisode(EpisodeAnswer.NoSuchEpisode none) => none.Season is { } season
        ? $"No reviewed show has an episode {none.Number} in season {season}. Name the show with the `show` option."
        : $"No reviewed show has an episode {none.Number}. Name the show with the `show` option.";

    private static string Echo(string text) => TypedText.Quote(text, 100);
}
