using System.Text;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Escapes Discord markdown so user and review text is shown as typed: no accidental bold, spoilers,
/// code blocks, masked links, headers, quotes or lists. Pings are prevented separately by allowed_mentions.
/// </summary>
public static class MarkdownEscaper
{
    /// <summary>Characters that format text wherever they appear.</summary>
    private const string Inline = "\\*_~`|[]()<";

    /// <summary>Characters that format text only at the start of a line (header, quote, list, subtext).</summary>
    private const string LineStart = "#>-+";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 16);
        var atLineStart = true;
        foreach (var c in text)
        {
            if (Inline.Contains(c, StringComparison.Ordinal) || (atLineStart && LineStart.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            atLineStart = c == '\n' || (atLineStart && c is ' ' or '\t');
        }

        return builder.ToString();
    }
}
