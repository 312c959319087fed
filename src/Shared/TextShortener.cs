namespace ReviewBot.Shared;

/// <summary>
/// Shortens text to a length at a word boundary, ending in "…". Text with no break in reach (one
/// giant "word") is cut between user-perceived characters (Unicode's extended grapheme clusters,
/// UAX #29): a cut inside one would leave a letter without its accent, a flag's half, a thumb
/// without its skin tone or a family emoji as one man followed by a dangling joiner. Only a single
/// cluster longer than the limit (a letter under dozens of combining marks) is cut inside, and even
/// then never between the two halves of a surrogate pair: a lone surrogate is not text, and
/// PostgreSQL's encoder refuses it outright, so such a value could not even be stored. Lengths are
/// counted in UTF-16 code units (never less than what Discord counts) and whitespace is trimmed first.
/// </summary>
/// <remarks>
/// Compiled into ReviewBot.Core (the values import messages quote, which are stored) and
/// ReviewBot.Discord (Discord's limits), linked from their project files: the layers never reference
/// each other, so the type is internal to each.
/// </remarks>
internal static class TextShortener
{
    public const string Ellipsis = "…";

    public static string Shorten(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length <= maxLength)
        {
            return trimmed;
        }

        var cut = maxLength - Ellipsis.Length;
        var space = LastWhitespace(trimmed, cut);

        // Break at a word only when that keeps most of the text; one giant "word" is cut mid-way.
        if (space > cut / 2)
        {
            cut = space;
        }
        else if (LastClusterBoundary(trimmed, cut) is > 0 and var boundary)
        {
            cut = boundary;
        }
        else if (cut > 0 && char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--; // never split an emoji's surrogate pair
        }

        return trimmed[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>The last grapheme cluster boundary at or before <paramref name="end"/>; 0 when the first cluster runs past it.</summary>
    private static int LastClusterBoundary(string text, int end)
    {
        var boundary = 0;
        while (boundary < end)
        {
            var next = boundary + System.Globalization.StringInfo.GetNextTextElementLength(text.AsSpan(boundary));
            if (next > end)
            {
                break;
            }

            boundary = next;
        }

        return boundary;
    }

    private static int LastWhitespace(string text, int end)
    {
        for (var i = end; i > 0; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
