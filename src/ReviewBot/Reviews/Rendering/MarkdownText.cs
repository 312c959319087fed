using System.Text;

namespace ReviewBot.Reviews.Rendering;

/// <summary>
/// <see cref="ReviewBot.Discord.Interactions.MarkdownEscaper"/>'s rules written straight into the
/// builder a renderer is filling, so escaped text is not first copied into a string of its own. The
/// line-start state is the caller's, so text escaped in pieces is escaped as the whole would be.
/// </summary>
internal static class MarkdownText
{
    /// <summary>Characters that format text wherever they appear.</summary>
    private const string Inline = "\\*_~`|[]()<";

    /// <summary>Characters that format text only at the start of a line (header, quote, list, subtext).</summary>
    private const string LineStart = "#>-+";

    /// <summary>Appends <paramref name="text"/> escaped; <paramref name="atLineStart"/> says whether it begins a line, and says on return whether what follows does.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, ReadOnlySpan<char> text, ref bool atLineStart)
    {
        foreach (var c in text)
        {
            builder.AppendEscaped(c, ref atLineStart);
        }

        return builder;
    }

    /// <summary>Appends one character escaped, as part of a longer text.</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, char c, ref bool atLineStart)
    {
        if (Inline.Contains(c, StringComparison.Ordinal) || (atLineStart && LineStart.Contains(c, StringComparison.Ordinal)))
        {
            builder.Append('\\');
        }

        atLineStart = c == '\n' || (atLineStart && c is ' ' or '\t');
        return builder.Append(c);
    }

    /// <summary>Appends <paramref name="text"/> escaped as text of its own (starting a line).</summary>
    public static StringBuilder AppendEscaped(this StringBuilder builder, ReadOnlySpan<char> text)
    {
        var atLineStart = true;
        return builder.AppendEscaped(text, ref atLineStart);
    }
}
