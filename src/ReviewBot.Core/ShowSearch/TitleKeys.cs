using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// <see cref="ShowTitleKey.From"/> written into a span instead of a new string, for the texts whose
/// key is plain ASCII once the typographic variants are folded (nearly every title, and what most
/// people type): there the compatibility normalisation changes nothing, so the key is the text with
/// whitespace runs made one space, trimmed and lowercased. Every format character the key leaves out is
/// outside ASCII, so a text holding one is among the others, which are keyed by
/// <see cref="ShowTitleKey.From"/> itself. An exact show lookup then keys what was typed, and the
/// titles it is compared with, without allocating.
/// </summary>
internal static class TitleKeys
{
    /// <summary>Keys up to this many characters are written on the stack.</summary>
    public const int StackLimit = 256;

    /// <summary>
    /// Writes the key of <paramref name="text"/> into <paramref name="destination"/>; false (nothing
    /// usable written) when the text is not plain ASCII once folded, or does not fit.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<char> text, Span<char> destination, out int written)
    {
        written = 0;
        var pendingSpace = false;
        foreach (var original in text)
        {
            var c = ShowTitleKey.Typographic(original);
            if (!char.IsAscii(c))
            {
                return false; // the normalisation may change it: only ShowTitleKey.From knows
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }

            // A space and the character: the key is never longer than the text, so only a destination shorter than the text runs out.
            if (written + (pendingSpace ? 2 : 1) > destination.Length)
            {
                return false;
            }

            if (pendingSpace)
            {
                destination[written++] = ' ';
                pendingSpace = false;
            }

            destination[written++] = char.ToLowerInvariant(c);
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> has the title key <paramref name="key"/>.</summary>
    public static bool HasKey(ReadOnlySpan<char> text, ReadOnlySpan<char> key)
    {
        if (text.Length <= StackLimit)
        {
            Span<char> buffer = stackalloc char[StackLimit];
            if (TryWrite(text, buffer, out var written))
            {
                return buffer[..written].SequenceEqual(key);
            }
        }

        return key.SequenceEqual(ShowTitleKey.From(text.ToString()));
    }
}
