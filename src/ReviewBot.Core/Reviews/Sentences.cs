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
    // Not after abbreviations reviews use before a number or name ("Ep. 9", "Vol. 2", "Dr. Stone").
    // Others are rare in reviews; a wrong split only shortens a sentence.
    [GeneratedRegex(@"(?<!\b(?:Ep|Eps|No|Vol|Pt|Mr|Mrs|Ms|Dr|St|vs)\.)(?<=[.!?][""'’”)\]]?)\s+(?=[\p{Lu}\d""'‘“(\[])")]
    private static partial Regex Boundary();
}
