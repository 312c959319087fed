using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

/// <summary>
/// The tests' oracle for <see cref="ShowIndex"/>: score every show through <see cref="TitleScore"/>,
/// with the plain edit distance, and sort. Slow and obviously right; the index must answer the same.
/// </summary>
internal static class BruteForceShowSearch
{
    public static double Score(string query, ShowRecord show)
    {
        if (TitleScore.IsExact(query, show))
        {
            return TitleScore.Exact;
        }

        var typed = TitleScore.Tokens(query);
        var title = TitleScore.Tokens(show.Title);
        if (typed.Length == 0 || title.Length == 0)
        {
            return 0;
        }

        if (typed.All(t => title.Any(w => w.StartsWith(t, StringComparison.Ordinal))))
        {
            return TitleScore.Partial(typed.Sum(t => t.Length), title.Sum(w => w.Length));
        }

        var wordAverage = typed.Average(t => title.Max(w => Similarity(t, w)));
        var whole = Similarity(string.Concat(typed), string.Concat(title));
        return TitleScore.Typo(wordAverage, whole);
    }

    /// <summary>What <see cref="ShowIndex.FindExact(string)"/> answers: the show named at the strongest <see cref="TitleScore.ExactTier"/>, the first in load order among equals.</summary>
    public static long? Exact(IReadOnlyList<ShowRecord> shows, string query) =>
        shows.Where(s => TitleScore.IsExact(query, s)).OrderBy(s => TitleScore.ExactTier(query, s)).FirstOrDefault()?.Id;

    /// <summary>What <see cref="ShowIndex.Suggest"/> answers: prefix matches by title, then the best scores.</summary>
    public static List<long> Suggest(IReadOnlyList<ShowRecord> shows, string typed, int limit)
    {
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return shows.Take(limit).Select(s => s.Id).ToList();
        }

        var key = ShowTitleKey.From(text);
        var prefix = shows
            .Where(s => s.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase) || s.Slug.StartsWith(text, StringComparison.OrdinalIgnoreCase)
                || (key.Length > 0 && ShowTitleKey.From(s.Title).StartsWith(key, StringComparison.Ordinal)))
            .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase);
        return prefix.Concat(Ranked(shows, text)).DistinctBy(s => s.Id).Take(limit).Select(s => s.Id).ToList();
    }

    /// <summary>What <see cref="ShowIndex.BestMatches"/> answers: the best scores, equal ones by title.</summary>
    public static List<long> Best(IReadOnlyList<ShowRecord> shows, string query, int max) =>
        Ranked(shows, query).Take(max).Select(s => s.Id).ToList();

    private static IEnumerable<ShowRecord> Ranked(IReadOnlyList<ShowRecord> shows, string query) =>
        shows
            .Select(s => (Show: s, Score: Score(query, s)))
            .Where(x => x.Score >= TitleScore.SuggestionThreshold)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Show.Title, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Show);

    private static double Similarity(string a, string b) =>
        TitleScore.Similarity(EditDistance.Levenshtein(a, b), Math.Max(a.Length, b.Length));
}
