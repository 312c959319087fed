using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>Splits article text into lines and normalises the spacing real articles vary in.</summary>
internal static class TextLines
{
    /// <summary>
    /// Lines with non-breaking and other odd spaces turned into one ordinary space, trimmed, each read
    /// for structure without its format characters (<see cref="TextLine"/>): the one place every
    /// parser's patterns and scanners get their lines from.
    /// </summary>
    public static TextLine[] Split(string text, ParseSteps steps)
    {
        steps.Add(text.Length + 1);
        var raw = text.TrimStart('\uFEFF').Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var lines = new TextLine[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            steps.Add(raw[i].Length + 1);
            lines[i] = TextLine.From(Normalise(raw[i]));
        }

        return lines;
    }

    /// <summary>The first line, normalised, without splitting the rest.</summary>
    public static TextLine FirstLine(string text)
    {
        var trimmed = text.AsSpan().TrimStart('\uFEFF');
        var end = trimmed.IndexOfAny('\r', '\n');
        return TextLine.From(Normalise((end < 0 ? trimmed : trimmed[..end]).ToString()));
    }

    /// <summary>
    /// Every run of whitespace (tabs, NBSP U+00A0, figure space, narrow NBSP, ...) becomes one space;
    /// trimmed. Invisible format characters (<see cref="FormatCharacters"/>) are never spaces: a show's
    /// identity and slug leave them out, so "Metallic\u200BRouge" read with a space would be shown as a
    /// title other than the show it names. Where they are kept:
    /// <list type="bullet">
    /// <item>direction controls (marks, embeddings, overrides, isolates) always, as written: they order
    /// the text beside them, and what is written after a title is closed off where it is shown;</item>
    /// <item>tag characters after a visible character, which they belong to (a subdivision flag);</item>
    /// <item>the others (zero-width spaces and joiners, word joiners, soft hyphens, the byte order mark)
    /// between two visible characters, inside a word, where a joiner draws an emoji sequence. At either
    /// end of the line or beside a space they separate nothing and would only hide a keyword
    /// ("Episode\u200B 1") or cling to a value, so there they are left out.</item>
    /// </list>
    /// </summary>
    public static string Normalise(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        var formatStart = -1; // where the run of format characters waiting for the next character starts
        var rest = line.AsSpan();
        var at = 0;
        while (at < rest.Length)
        {
            var length = ReadRune(rest[at..], out var rune);
            if (rune is { } r && Rune.IsWhiteSpace(r))
            {
                pendingSpace = builder.Length > 0;
                formatStart = -1;
            }
            else if (rune is { } f && FormatCharacters.Contains(f) && !FormatCharacters.IsDirection(f))
            {
                // A tag right after a visible character belongs to it; one after a held run (a zero-width
                // space before it) joins that run, which is written whole, in order, or left out whole.
                if (builder.Length > 0 && !pendingSpace && formatStart < 0 && FormatCharacters.IsTag(f))
                {
                    builder.Append(rest.Slice(at, length));
                }
                else if (formatStart < 0 && builder.Length > 0 && !pendingSpace)
                {
                    formatStart = at;
                }
            }
            else
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }
                else if (formatStart >= 0)
                {
                    // Between two visible characters: inside a word, where it was put on purpose.
                    builder.Append(rest[formatStart..at]);
                }

                formatStart = -1;
                builder.Append(rest.Slice(at, length));
            }

            at += length;
        }

        return builder.ToString();
    }

    /// <summary>The rune at the start of <paramref name="text"/> and its length; null for half a surrogate pair (one character, kept as it is).</summary>
    private static int ReadRune(ReadOnlySpan<char> text, out Rune? rune)
    {
        var status = Rune.DecodeFromUtf16(text, out var decoded, out var length);
        rune = status == System.Buffers.OperationStatus.Done ? decoded : null;
        return Math.Max(length, 1);
    }

}
