using System.Buffers;
using System.Globalization;
using System.Text;

namespace ReviewBot.Core.Import;

/// <summary>
/// How a refusal ("what was wrong and where") shows what it quotes from its input: a file name, a
/// feed item's title, a show's title. Every character a reader cannot see, or that changes how the
/// text around it reads, is written as its code point (<c>&lt;U+200B&gt;</c>): a control character,
/// a format character (zero-width spaces and joiners, soft hyphens, direction marks and overrides),
/// a line or paragraph separator, half a surrogate pair. Quoted as it came, a zero-width space makes
/// "Metallic Rou&lt;U+200B&gt;ge" look like the title it was refused for differing from, and an override
/// reverses the rest of the line. Refusals are read in an error file, a log, a terminal, and stored
/// (a feed remembers why it refused an item), so this is done once, where a refusal is made
/// (<see cref="ImportResult"/> and the sources' own refusals), not by each reader. The notation itself
/// is <see cref="AppendCodePoint"/>, which the CLI's terminal guard writes too, so a character a user
/// is not shown raw reads the same in a refusal and in anything else the CLI prints.
/// </summary>
public static class RefusalText
{
    public static string Visible(string text) => Visible(text, formatCharacters: true);

    /// <summary>
    /// <see cref="Visible(string)"/> but for format characters, which stay as written: for text a member
    /// typed and an answer quotes back, where the joiners inside an emoji and direction marks are part of
    /// what was typed, and the Markdown escaper closes the directions it leaves open.
    /// </summary>
    public static string VisibleKeepingFormatCharacters(string text) => Visible(text, formatCharacters: false);

    private static string Visible(string text, bool formatCharacters)
    {
        var first = IndexOfHidden(text, formatCharacters);
        if (first < 0)
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        shown.Append(text, 0, first);
        var rest = text.AsSpan(first);
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var length);
            if (status != OperationStatus.Done)
            {
                AppendCodePoint(shown, rest[0]);
                length = 1;
            }
            else if (IsHidden(rune, formatCharacters))
            {
                AppendCodePoint(shown, rune.Value);
            }
            else
            {
                shown.Append(rest[..length]);
            }

            rest = rest[length..];
        }

        return shown.ToString();
    }

    private static int IndexOfHidden(string text, bool formatCharacters)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    if (IsHidden(new Rune(c, text[i + 1]), formatCharacters))
                    {
                        return i;
                    }

                    i++;
                    continue;
                }

                return i;
            }

            if (IsHidden(new Rune(c), formatCharacters))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsHidden(Rune rune, bool formatCharacters) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.Format => formatCharacters,
        _ => false,
    };

    /// <summary>
    /// A character written as its code point, <c>&lt;U+200B&gt;</c> (at least four hex digits, as Unicode
    /// writes them: <c>&lt;U+E0041&gt;</c>); half a surrogate pair by its own value, <c>&lt;U+D800&gt;</c>.
    /// Only visible ASCII, so the notation can never itself be a control sequence.
    /// </summary>
    public static void AppendCodePoint(StringBuilder text, int codePoint) =>
        text.Append(CultureInfo.InvariantCulture, $"<U+{codePoint:X4}>");
}
