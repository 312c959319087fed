using System.Buffers;
using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The invisible format characters (Unicode's general category Cf: zero-width spaces and joiners, the
/// soft hyphen, bidi marks and isolates, the byte order mark, tag characters) a show's identity and
/// its slug leave out: "Fri\u200Beren" pasted from a web page is the show "Frieren". Joiners
/// change how some scripts and emoji are drawn, never which words they are, so they go too.
/// </summary>
/// <remarks>
/// The set is written here rather than asked of the runtime, because stored keys must not change when
/// a runtime with a newer Unicode arrives: a new format character needs a migration that clears the
/// keys of the titles holding it, as migrations/0014_show_title_key_format_characters.sql does for
/// these, and one that removes it from the edges of stored values, as
/// migrations/0021_value_edge_format_characters.sql does. Tests compare this set with the runtime's and
/// with those migrations'.
/// </remarks>
internal static class FormatCharacters
{
    /// <summary>Unicode 16's Cf as pairs of first and last code point, ascending.</summary>
    private static ReadOnlySpan<int> Ranges =>
    [
        0x00AD, 0x00AD, 0x0600, 0x0605, 0x061C, 0x061C, 0x06DD, 0x06DD, 0x070F, 0x070F, 0x0890, 0x0891,
        0x08E2, 0x08E2, 0x180E, 0x180E, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x206F,
        0xFEFF, 0xFEFF, 0xFFF9, 0xFFFB, 0x110BD, 0x110BD, 0x110CD, 0x110CD, 0x13430, 0x1343F,
        0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0001, 0xE0001, 0xE0020, 0xE007F,
    ];

    public static bool Contains(Rune rune)
    {
        var value = rune.Value;
        var ranges = Ranges;
        for (var i = 0; i < ranges.Length && value >= ranges[i]; i += 2)
        {
            if (value <= ranges[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The arabic letter mark, LRM and RLM, the embeddings and overrides with their pop, and the isolates.</summary>
    public static bool IsDirection(Rune rune) => rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>The tag characters, which belong to the visible character before them (a subdivision flag).</summary>
    public static bool IsTag(Rune rune) => rune.Value is >= 0xE0020 and <= 0xE007F;

    /// <summary>
    /// The text without its format characters; the same string when it has none. A surrogate pair is
    /// one character here (the tag characters are all pairs); half a pair is kept as it is.
    /// </summary>
    public static string Strip(string text)
    {
        var first = IndexOfFirst(text);
        if (first < 0)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, first);
        var rest = text.AsSpan(first);
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var length);
            if (status != OperationStatus.Done || !Contains(rune))
            {
                kept.Append(rest[..length]);
            }

            rest = rest[length..];
        }

        return kept.ToString();
    }

    /// <summary>Where the first format character is, or -1 when there is none.</summary>
    public static int IndexOfFirst(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length;)
        {
            // Every format character is U+00AD or above: most titles are read one comparison a character.
            if (text[i] < '\u00AD')
            {
                i++;
                continue;
            }

            var status = Rune.DecodeFromUtf16(text[i..], out var rune, out var length);
            if (status == OperationStatus.Done && Contains(rune))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }
}
