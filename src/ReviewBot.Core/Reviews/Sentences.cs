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
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var i = 0;
            while (i < paragraph.Length)
            {
                if (!char.IsWhiteSpace(paragraph[i]))
                {
                    i++;
                    continue;
                }

                var runStart = i;
                while (i < paragraph.Length && char.IsWhiteSpace(paragraph[i]))
                {
                    i++;
                }

                if (i < paragraph.Length && EndsSentence(paragraph, runStart) && StartsSentence(paragraph[i]))
                {
                    var sentence = paragraph[start..runStart].Trim();
                    if (sentence.Length > 0)
                    {
                        yield return sentence;
                    }

                    start = i;
                }
            }

            var last = paragraph[start..].Trim();
            if (last.Length > 0)
            {
                yield return last;
            }
        }
    }

    private static bool EndsSentence(string text, int end)
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

    private static bool AfterAbbreviation(string text, int period)
    {
        foreach (var abbreviation in Abbreviations)
        {
            var at = period - abbreviation.Length;
            if (at >= 0 && string.CompareOrdinal(text, at, abbreviation, 0, abbreviation.Length) == 0 && (at == 0 || !IsWordCharacter(text[at - 1])))
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
