using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// A show's identity: its title with case, spacing and typographic variants of the same character
/// folded ("Frieren: Beyond Journey’s End" and "FRIEREN: beyond journey's end" are one show), but
/// every other character kept, so "Gintama" and "Gintama'" are two shows. Invisible format characters
/// (<see cref="FormatCharacters"/>) are left out before anything else, so one between a letter and
/// its accent does not keep them apart. The slug cannot be the identity: it drops punctuation and
/// stops at 80 characters, so different titles share slugs.
/// </summary>
public static class ShowTitleKey
{
    public static string From(string title)
    {
        var mapped = new StringBuilder(title.Length);
        foreach (var c in FormatCharacters.Strip(title))
        {
            mapped.Append(Typographic(c));
        }

        // Compatibility forms (full-width letters, ligatures, Roman numeral signs) are the same text.
        var normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        var key = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = key.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    /// <summary>
    /// The key an earlier build gave this title. It read a zero-width space (and no other format
    /// character) as a space, so the title "Metallic\u200BRouge" was stored as the show "Metallic Rouge",
    /// whose key differs from the one the same title has today.
    /// </summary>
    internal static string FromEarlierReading(string title) => From(title.Replace('\u200B', ' '));

    /// <summary>
    /// The typographic variants a key folds, as it folds them (the show index's stack-written keys
    /// use it too; a test holds them to <see cref="From"/> for every character).
    /// </summary>
    internal static char Typographic(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201B' or '\u02BC' or '\u2032' or '\u00B4' or '`' => '\'',
        '\u201C' or '\u201D' or '\u201F' or '\u2033' => '"',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
        '\u00A0' or '\u2007' or '\u202F' => ' ',
        _ => c,
    };
}
