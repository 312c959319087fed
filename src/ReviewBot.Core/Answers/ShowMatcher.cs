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

    /// <summary>True when the text names the show exactly: its slug, its title, or its title in any case or punctuation.</summary>
    public static bool IsExact(string query, ShowRecord show) => ExactTier(query, show) >= 0;

    /// <summary>
    /// How exactly the text names the show, strongest first: 0 its slug as typed, 1 its title
    /// (<see cref="ShowTitleKey"/>), 2 the same slug once the text is slugged; -1 not exactly.
    /// Shows whose titles differ only in punctuation share a plain slug, so the title decides
    /// between them before the slugged text does.
    /// </summary>
    public static int ExactTier(string query, ShowRecord show) =>
        string.Equals(query.Trim(), show.Slug, StringComparison.OrdinalIgnoreCase) ? 0
        : ShowTitleKey.From(query) == ShowTitleKey.From(show.Title) ? 1
        : Slug.From(query) == show.Slug ? 2
        : -1;

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

    /// <summary>The words of a text as the matcher sees them: its slug split at hyphens.</summary>
    internal static string[] Tokens(string text) =>
        Slug.From(text).Split('-', StringSplitOptions.RemoveEmptyEntries);

    internal static double Similarity(string a, string b)
    {
        var distance = Levenshtein(a, b);
        return 1.0 - ((double)distance / Math.Max(a.Length, b.Length));
    }

    internal static int Levenshtein(string a, string b) => BoundedLevenshtein(a, b, int.MaxValue);

    /// <summary>
    /// Fills <paramref name="peq"/> (128 entries) for <see cref="BitParallelLevenshtein"/>: bit i of
    /// peq[c] set when pattern[i] == c. False when the pattern cannot use it (over 64 characters, or
    /// a character outside ASCII).
    /// </summary>
    internal static bool TryPreparePattern(string pattern, Span<ulong> peq)
    {
        peq.Clear();
        if (pattern.Length is 0 or > 64)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] >= 128)
            {
                return false;
            }

            peq[pattern[i]] |= 1UL << i;
        }

        return true;
    }

    /// <summary>
    /// Edit distance between a prepared pattern (1..64 ASCII characters) and a text, one machine
    /// word per text character (Myers 1999, in Hyyrö's formulation for the global distance). Text
    /// characters outside ASCII match nothing in the pattern, which is right for an ASCII pattern.
    /// </summary>
    internal static int BitParallelLevenshtein(ReadOnlySpan<ulong> peq, int patternLength, ReadOnlySpan<char> text) =>
        BitParallelLevenshtein(peq, patternLength, text, int.MaxValue);

    /// <summary>
    /// <see cref="BitParallelLevenshtein(ReadOnlySpan{ulong}, int, ReadOnlySpan{char})"/> when it is at
    /// most <paramref name="cap"/>; otherwise some value above the cap. It stops once the distance so
    /// far, less the characters left (each can lower it by at most one), is above the cap.
    /// </summary>
    internal static int BitParallelLevenshtein(ReadOnlySpan<ulong> peq, int patternLength, ReadOnlySpan<char> text, int cap)
    {
        var last = 1UL << (patternLength - 1);
        var pv = patternLength == 64 ? ulong.MaxValue : (1UL << patternLength) - 1;
        var mv = 0UL;
        var score = patternLength;
        var left = text.Length;
        foreach (var c in text)
        {
            if (score - left > cap)
            {
                return score - left;
            }

            left--;
            var eq = c < 128 ? peq[c] : 0UL;
            var xv = eq | mv;
            var xh = (((eq & pv) + pv) ^ pv) | eq;
            var ph = mv | ~(xh | pv);
            var mh = pv & xh;
            if ((ph & last) != 0)
            {
                score++;
            }
            else if ((mh & last) != 0)
            {
                score--;
            }

            ph = (ph << 1) | 1;
            mh <<= 1;
            pv = mh | ~(xv | ph);
            mv = ph & xv;
        }

        return score;
    }

    /// <summary>
    /// Edit distance between a and b when it is at most <paramref name="cap"/>; otherwise some value
    /// above the cap (it stops once a whole row exceeds it). Two rows on the stack, or pooled when long.
    /// </summary>
    internal static int BoundedLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
        {
            return cap == int.MaxValue ? cap : cap + 1;
        }

        var width = b.Length + 1;
        int[]? rented = null;
        var rows = width * 2 <= 512 ? stackalloc int[width * 2] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(width * 2));
        try
        {
            var previous = rows[..width];
            var current = rows.Slice(width, width);
            for (var j = 0; j < width; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                var rowMinimum = i;
                var ai = a[i - 1];
                for (var j = 1; j < width; j++)
                {
                    var cost = ai == b[j - 1] ? 0 : 1;
                    var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    current[j] = value;
                    if (value < rowMinimum)
                    {
                        rowMinimum = value;
                    }
                }

                if (rowMinimum > cap)
                {
                    return rowMinimum; // every later row is at least this
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(rented);
            }
        }
    }
}
