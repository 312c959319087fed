using System.Globalization;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// Splits prose into sentences, whole and trimmed. A sentence ends at a run of whitespace after
/// . ! ? (and a closing quote or bracket) and before a capital, digit, opening quote or bracket,
/// but not after abbreviations reviews use before a number or name ("Ep. 9", "Vol. 2", "Dr. Stone").
/// Others are rare in reviews; a wrong split only shortens a sentence. One pass over the text,
/// a constant amount of work per whitespace run, so a sentence of any length costs its length.
/// </summary>
public static class Sentences
{
    private static readonly string[] Abbreviations = ["Ep", "Eps", "No", "Vol", "Pt", "Mr", "Mrs", "Ms", "Dr", "St", "vs"];

    public static IEnumerable<string> Split(string text)
    {
        foreach (var (start, length) in Ranges(text))
        {
            yield return text.Substring(start, length);
        }
    }

    /// <summary>
    /// Where <see cref="Split"/>'s sentences are in <paramref name="text"/>, without copying them: a
    /// reader that keeps a few sentences of a long text copies only those.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Ranges(string text)
    {
        // Paragraphs as string.Split("\n\n", RemoveEmptyEntries) gives them, as offsets into the text.
        var from = 0;
        while (from <= text.Length)
        {
            var separator = text.IndexOf("\n\n", from, StringComparison.Ordinal);
            var end = separator < 0 ? text.Length : separator;
            var paragraphStart = from;
            from = separator < 0 ? text.Length + 1 : separator + 2;
            if (end == paragraphStart)
            {
                continue;
            }

            var start = 0;
            var i = 0;
            var length = end - paragraphStart;
            while (i < length)
            {
                if (!char.IsWhiteSpace(text[paragraphStart + i]))
                {
                    i++;
                    continue;
                }

                var runStart = i;
                while (i < length && char.IsWhiteSpace(text[paragraphStart + i]))
                {
                    i++;
                }

                if (i < length && EndsSentence(text.AsSpan(paragraphStart, length), runStart) && StartsSentence(text[paragraphStart + i]))
                {
                    if (Trimmed(text, paragraphStart + start, runStart - start) is { Length: > 0 } sentence)
                    {
                        yield return sentence;
                    }

                    start = i;
                }
            }

            if (Trimmed(text, paragraphStart + start, length - start) is { Length: > 0 } last)
            {
                yield return last;
            }
        }
    }

    /// <summary>The range with whitespace trimmed from both ends, as string.Trim trims it.</summary>
    private static (int Start, int Length) Trimmed(string text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        var leading = span.Length - span.TrimStart().Length;
        return (start + leading, span.Trim().Length);
    }

    private static bool EndsSentence(ReadOnlySpan<char> text, int end)
    {
        if (end == 0)
        {
            return false;
        }

        var last = text[end - 1];
        if (last is '"' or '\'' or '’' or '”' or ')' or ']')
        {
            return end >= 2 && text[end - 2] is '.' or '!' or '?';
        }

        return last is '!' or '?' || (last == '.' && !AfterAbbreviation(text, end - 1));
    }

    private static bool AfterAbbreviation(ReadOnlySpan<char> text, int period)
    {
        foreach (var abbreviation in Abbreviations)
        {
            var at = period - abbreviation.Length;
            if (at >= 0 && text.Slice(at, abbreviation.Length).SequenceEqual(abbreviation) && (at == 0 || !IsWordCharacter(text[at - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '‘' or '“' or '(' or '[';

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;
}
