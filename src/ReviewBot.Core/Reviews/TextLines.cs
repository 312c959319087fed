using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>Splits article text into lines and normalises the spacing real articles vary in.</summary>
internal static partial class TextLines
{
    /// <summary>Lines with non-breaking and other odd spaces turned into one ordinary space, trimmed.</summary>
    public static string[] Split(string text)
    {
        var raw = text.TrimStart('\uFEFF').Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var lines = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            lines[i] = Normalise(raw[i]);
        }

        return lines;
    }

    public static string Normalise(string line) => Spaces().Replace(line, " ").Trim();

    // NBSP (U+00A0), figure space, narrow NBSP, tabs and the other Unicode space separators.
    [GeneratedRegex(@"[\s\u00A0\u2007\u202F\u200B]+")]
    private static partial Regex Spaces();
}
