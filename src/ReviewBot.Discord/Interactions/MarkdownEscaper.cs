using System.Text;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Escapes Discord markdown so user and review text is shown as typed: no accidental bold, spoilers,
/// code blocks, masked links, headers, subtext, quotes or lists, bulleted or numbered. Pings are prevented separately by allowed_mentions.
/// The same rules write straight into a builder a renderer is filling (<see cref="AppendEscaped(StringBuilder, ReadOnlySpan{char}, ref bool)"/>),
/// so escaped text need not be copied into a string of its own first.
/// </summary>
public static class MarkdownEscaper
{
    /// <summary>Characters that format text wherever they appear.</summary>
    private const string Inline = "\\*_~`|[]()<";

    /// <summary>Characters that format text only at the start of a line (header, quote, list, subtext).</summary>
    private const string LineStart = "#>-+";

    /// <summary>
    /// What ends a numbered list item's number ("1. "): escaped after digits that start a line. The
    /// digits themselves cannot be escaped (a backslash before a digit is shown, not read).
    /// </summary>
    private const char ListNumberEnd = '.';

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return new StringBuilder(text.Length + 16).AppendEscaped(text).ToString();
    }

    /// <summary>
    /// <paramref name="url"/> written as the target of a masked link, <c>[text](target)</c>. Discord's
    /// Markdown ends the target at its first ')' (a backslash does not escape it there), and RFC 3986
    /// allows '(' and ')' in a path, query or fragment unencoded, so a stored link could close the
    /// link early and make the rest of itself a second, forged link. Percent-encoded they cannot;
    /// web servers read %28 and %29 as the same address. Whitespace, '&lt;', '&gt;' and '\' never reach
    /// here unencoded: <see cref="Uri.AbsoluteUri"/> escapes them.
    /// </summary>
    public static string LinkTarget(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var target = url.AbsoluteUri;
        return target.AsSpan().IndexOfAny('(', ')') < 0
            ? target
            : target.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
    }

    /// <summary>Appends <paramref name="text"/> escaped as text of its own (starting a line).</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, ReadOnlySpan<char> text)
    {
        var atLineStart = true;
        return builder.AppendEscaped(text, ref atLineStart);
    }

    /// <summary>
    /// Appends <paramref name="text"/> escaped; <paramref name="atLineStart"/> says whether it begins a
    /// line, and says on return whether what follows does, so text escaped in pieces is escaped as the whole would be.
    /// A line still "starts" after its leading whitespace and digits, where a list item's number ends.
    /// </summary>
    /// <remarks>
    /// The piece is stored text: bidirectional embeddings and isolates it leaves open are closed at
    /// its end (<see cref="BidiClosing"/>), so it cannot reverse what the bot writes after it.
    /// </remarks>
    public static StringBuilder AppendEscaped(this StringBuilder builder, ReadOnlySpan<char> text, ref bool atLineStart)
    {
        Stack<char>? open = null;
        foreach (var c in text)
        {
            builder.AppendEscaped(c, ref atLineStart);
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' || open is { Count: > 0 })
            {
                BidiClosing.Track(open ??= new Stack<char>(), c);
            }
        }

        return open is { Count: > 0 } ? BidiClosing.AppendClosers(builder, open) : builder;
    }

    /// <summary>Appends one character escaped, as part of a longer text.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, char c, ref bool atLineStart)
    {
        if (Inline.Contains(c, StringComparison.Ordinal)
            || (atLineStart && LineStart.Contains(c, StringComparison.Ordinal))
            || (atLineStart && c == ListNumberEnd && builder.Length > 0 && char.IsAsciiDigit(builder[^1])))
        {
            builder.Append('\\');
        }

        // Digits keep the line "starting" so the '.' after them is seen; a '#' or '-' after digits is
        // escaped too, which shows it exactly as typed.
        atLineStart = c == '\n' || (atLineStart && (c is ' ' or '\t' || char.IsAsciiDigit(c)));
        return builder.Append(c);
    }
}
