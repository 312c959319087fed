using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// Scores how well a typed name matches a show title, 0..1: exact, then every typed word a prefix of
/// a title word ("rouge", "met rou"), then per-word edit distance for typos ("metalic rouge").
/// </summary>
public static class ShowMatcher
{
    public const double SuggestionThreshold = 0.5;

    /// <summary>True when the text names the show exactly: its slug, or its title in any case or punctuation.</summary>
    public static bool IsExact(string query, ShowRecord show) =>
        string.Equals(query.Trim(), show.Slug, StringComparison.OrdinalIgnoreCase) || Slug.From(query) == show.Slug;

    public static double Score(string query, ShowRecord show)
    {
        if (IsExact(query, show))
        {
            return 1.0;
        }

        var typed = Tokens(query);
        var title = Tokens(show.Title);
        if (typed.Length == 0 || title.Length == 0)
        {
            return 0;
        }

        // Every typed word starts a title word: a partial title. More of the title typed is better.
        if (typed.All(t => title.Any(w => w.StartsWith(t, StringComparison.Ordinal))))
        {
            var covered = (double)typed.Sum(t => t.Length) / title.Sum(w => w.Length);
            return 0.8 + (0.15 * Math.Min(1, covered));
        }

        // Typos: each typed word against its closest title word.
        var similarity = typed.Average(t => title.Max(w => Similarity(t, w)));
        var whole = Similarity(string.Concat(typed), string.Concat(title));
        return 0.75 * Math.Max(similarity, whole);
    }

    private static string[] Tokens(string text) =>
        Slug.From(text).Split('-', StringSplitOptions.RemoveEmptyEntries);

    private static double Similarity(string a, string b)
    {
        var distance = Levenshtein(a, b);
        return 1.0 - ((double)distance / Math.Max(a.Length, b.Length));
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
