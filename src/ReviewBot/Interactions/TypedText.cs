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
    public static string Quote(string? text, int maxLength) =>
        MarkdownEscaper.Escape(RefusalText.VisibleKeepingFormatCharacters(TextShortener.Shorten(text, maxLength)));
}
