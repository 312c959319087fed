namespace ReviewBot.Core.Reviews;

/// <summary>
/// Character tests and cursor moves the line scanners share. Each move adds what it reads to
/// <see cref="ParseSteps"/>; none of them looks at a character twice.
/// </summary>
internal static class ScanText
{
    /// <summary>Hyphen, en dash, em dash, pipe, colon: what articles put between parts of a line.</summary>
    public static bool IsSeparator(char c) => c is '-' or '–' or '—' or '|' or ':';

    /// <summary>Whitespace only: lines reach the scanners through <see cref="TextLines"/>, which never turns a format character into a space.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c);

    /// <summary>A minus sign: the hyphen-minus or U+2212.</summary>
    public static bool IsMinus(char c) => c is '-' or '\u2212';

    /// <summary>Any decimal digit, not only 0-9, so that "٣" is read as a number and refused as one.</summary>
    public static bool IsDigit(char c) => char.IsDigit(c);

    public static int SkipSpaces(string s, int i, int end, ParseSteps steps)
    {
        var from = i;
        while (i < end && IsSpace(s[i]))
        {
            i++;
        }

        steps.Add(i - from + 1);
        return i;
    }

    public static int SkipSpacesBack(string s, int i, int start, ParseSteps steps)
    {
        var from = i;
        while (i > start && IsSpace(s[i - 1]))
        {
            i--;
        }

        steps.Add(from - i + 1);
        return i;
    }

    public static int SkipDigits(string s, int i, int end, ParseSteps steps)
    {
        var from = i;
        while (i < end && IsDigit(s[i]))
        {
            i++;
        }

        steps.Add(i - from + 1);
        return i;
    }

    /// <summary>A whole number with an optional minus sign directly before it: returns its end, or <paramref name="i"/> when there is none.</summary>
    public static int SkipSignedWhole(string s, int i, int end, ParseSteps steps)
    {
        var start = i < end - 1 && IsMinus(s[i]) && IsDigit(s[i + 1]) ? i + 1 : i;
        var after = SkipDigits(s, start, end, steps);
        return after == start ? i : after;
    }

    /// <summary>True when <paramref name="word"/> (ASCII) starts at <paramref name="i"/>, ignoring case.</summary>
    public static bool WordAt(string s, int i, string word, ParseSteps steps)
    {
        steps.Add(word.Length);
        return i >= 0 && i + word.Length <= s.Length
            && string.Compare(s, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
    }

    /// <summary>True when <paramref name="word"/> ends at <paramref name="end"/> and starts a word (nothing but a space or separator before it).</summary>
    public static bool WordEndsAt(string s, int end, int start, string word, ParseSteps steps)
    {
        var at = end - word.Length;
        return at >= start && WordAt(s, at, word, steps) && (at == start || IsSpace(s[at - 1]) || IsSeparator(s[at - 1]) || s[at - 1] is '(' or '[');
    }

    /// <summary>
    /// "out of" at <paramref name="i"/>, as in "8 out of 10": the index after "of", or null. Both words
    /// stand alone, so a title's "outof" or "out off" is not a score.
    /// </summary>
    public static int? OutOfAt(string s, int i, ParseSteps steps)
    {
        if (!WordAt(s, i, "out", steps))
        {
            return null;
        }

        var of = SkipSpaces(s, i + "out".Length, s.Length, steps);
        var after = of + "of".Length;
        return of > i + "out".Length && WordAt(s, of, "of", steps) && (after == s.Length || IsSpace(s[after])) ? after : null;
    }

    /// <summary>
    /// "out of" ending at <paramref name="end"/> with a space before it, read backwards from a score's
    /// scale ("3 out of 5"): where "out" starts, or null.
    /// </summary>
    public static int? OutOfEndsAt(string s, int end, int start, ParseSteps steps)
    {
        if (!WordEndsAt(s, end, start, "of", steps))
        {
            return null;
        }

        var beforeOf = end - "of".Length;
        var outEnd = SkipSpacesBack(s, beforeOf, start, steps);
        var outStart = outEnd - "out".Length;
        return outEnd < beforeOf && outStart > start && WordEndsAt(s, outEnd, start, "out", steps) && IsSpace(s[outStart - 1]) ? outStart : null;
    }
}
