namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Shortens text to a Discord limit at a word boundary, ending in "…", instead of letting Discord
/// reject the whole body. Lengths are counted in UTF-16 code units, which is never less than what
/// Discord counts, and whitespace is trimmed first as Discord does before counting.
/// </summary>
public static class TextShortener
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
        else if (char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--; // never split an emoji's surrogate pair
        }

        return trimmed[..cut].TrimEnd() + Ellipsis;
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
