namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// Edit (Levenshtein) distance, three ways to the same number: the plain table, the table that gives
/// up once a cap is passed, and the bit-parallel form for patterns of up to 64 ASCII characters.
/// </summary>
internal static class EditDistance
{
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => BoundedLevenshtein(a, b, int.MaxValue);

    /// <summary>
    /// Fills <paramref name="peq"/> (128 entries) for <see cref="BitParallelLevenshtein"/>: bit i of
    /// peq[c] set when pattern[i] == c. False when the pattern cannot use it (over 64 characters, or
    /// a character outside ASCII).
    /// </summary>
    public static bool TryPreparePattern(string pattern, Span<ulong> peq)
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
    public static int BitParallelLevenshtein(ReadOnlySpan<ulong> peq, int patternLength, ReadOnlySpan<char> text) =>
        BitParallelLevenshtein(peq, patternLength, text, int.MaxValue);

    /// <summary>
    /// <see cref="BitParallelLevenshtein(ReadOnlySpan{ulong}, int, ReadOnlySpan{char})"/> when it is at
    /// most <paramref name="cap"/>; otherwise some value above the cap. It stops once the distance so
    /// far, less the characters left (each can lower it by at most one), is above the cap.
    /// </summary>
    public static int BitParallelLevenshtein(ReadOnlySpan<ulong> peq, int patternLength, ReadOnlySpan<char> text, int cap)
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
    public static int BoundedLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int cap)
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
