using System.Buffers;
using System.Globalization;
using System.Text;
using ReviewBot.Core.Import;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>
/// What a member typed, quoted back in an answer (a show not found, a search's words): shortened, its
/// control characters, line and paragraph separators and halves of surrogate pairs written as their code
/// points (<c>&lt;U+0000&gt;</c>, the notation refusals use), then escaped as Markdown. Stored text cannot
/// hold them (import refuses them), typed text can: sent as they came they are invisible in the quote,
/// which then looks like the title it did not match, and a line break splits the one-line quote and may
/// start a heading. Format characters (the joiners inside an emoji, direction marks) stay as typed; the
/// escaper closes the directions the text leaves open.
/// </summary>
public static class TypedText
{
    public static string Quote(string? text, int maxLength)
    {
        var shortened = TextShortener.Shorten(text, maxLength);
        var shown = new StringBuilder(shortened.Length + 16);
        var rest = shortened.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var length) != OperationStatus.Done)
            {
                RefusalText.AppendCodePoint(shown, rest[0]);
                length = 1;
            }
            else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                RefusalText.AppendCodePoint(shown, rune.Value);
            }
            else
            {
                shown.Append(rest[..length]);
            }

            rest = rest[length..];
        }

        return MarkdownEscaper.Escape(shown.ToString());
    }
}
