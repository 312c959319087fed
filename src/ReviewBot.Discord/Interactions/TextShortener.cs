namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Shortens text to a Discord limit at a word boundary, ending in "…", instead of letting Discord
/// reject the whole body. The rule itself is the one Core quotes import errors with (src/Shared,
/// linked into both layers): lengths in UTF-16 code units, whitespace trimmed first as Discord does,
/// and never a cut between the halves of a surrogate pair.
/// </summary>
public static class TextShortener
{
    public const string Ellipsis = Shared.TextShortener.Ellipsis;

    public static string Shorten(string? text, int maxLength) => Shared.TextShortener.Shorten(text, maxLength);
}
