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

    /// <summary>
    /// <paramref name="text"/>, shown as typed, shortened so that <paramref name="keep"/> (what says which
    /// item this is: " — Season 2") fits whole after it. What the text leaves open of right-to-left controls
    /// is closed after the cut, which could drop the closers <see cref="BidiClosing"/> put at its end: left
    /// open, an override would reverse what is kept.
    /// </summary>
    public static string Shorten(string? text, int maxLength, string keep)
    {
        var limit = maxLength - keep.Length;
        if (limit < 1)
        {
            return Shorten(keep, maxLength);
        }

        var room = limit;
        var shortened = BidiClosing.Close(Shorten(text, room));
        while (shortened.Length > limit && room > 1)
        {
            room = Math.Max(1, room - (shortened.Length - limit));
            shortened = BidiClosing.Close(Shorten(text, room));
        }

        return shortened + keep;
    }
}
