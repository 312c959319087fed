using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>Splits prose into sentences, whole and trimmed.</summary>
public static partial class Sentences
{
    public static IEnumerable<string> Split(string text)
    {
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var sentence in Boundary().Split(paragraph))
            {
                var trimmed = sentence.Trim();
                if (trimmed.Length > 0)
                {
                    yield return trimmed;
                }
            }
        }
    }

    // After . ! ? (and a closing quote or bracket), before whitespace and a capital, digit or quote.
    // "e.g. the" and "Mr. Smith" are rare in reviews; a wrong split only shortens a sentence.
    [GeneratedRegex(@"(?<=[.!?][""'’”)\]]?)\s+(?=[\p{Lu}\d""'‘“(\[])")]
    private static partial Regex Boundary();
}
