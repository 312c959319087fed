using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>Splits article text into lines and normalises the spacing real articles vary in.</summary>
internal static class TextLines
{
    /// <summary>Lines with non-breaking and other odd spaces turned into one ordinary space, trimmed.</summary>
    public static string[] Split(string text, ParseSteps steps)
    {
        steps.Add(text.Length + 1);
        var raw = text.TrimStart('\uFEFF').Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var lines = new string[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            steps.Add(raw[i].Length + 1);
            lines[i] = Normalise(raw[i]);
        }

        return lines;
    }

    /// <summary>The first line, normalised, without splitting the rest.</summary>
    public static string FirstLine(string text)
    {
        var trimmed = text.AsSpan().TrimStart('\uFEFF');
        var end = trimmed.IndexOfAny('\r', '\n');
        return Normalise((end < 0 ? trimmed : trimmed[..end]).ToString());
    }

    /// <summary>Every run of whitespace (tabs, NBSP U+00A0, figure space, narrow NBSP, zero-width space, ...) becomes one space; trimmed.</summary>
    public static string Normalise(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
