using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>URL- and command-friendly show identifiers: "Metallic Rouge" -> "metallic-rouge".</summary>
public static class Slug
{
    public const int MaxLength = 80;

    /// <summary>
    /// Lowercase ASCII, diacritics folded, every other run of characters one hyphen. Letters that do
    /// not fold to Latin (Japanese, Cyrillic, ...) would vanish and make different titles collide, so
    /// then a short stable hash of the title is appended ("re-3f2a9c"), or is the slug ("show-3f2a9c").
    /// Invisible format characters are left out before anything else: a title and its look-alike are
    /// one show (<see cref="ShowTitleKey"/>), so what was typed slugs as the title it looks like.
    /// </summary>
    public static string From(string title)
    {
        title = FormatCharacters.Strip(title);
        var builder = new StringBuilder(title.Length);
        var lostLetters = false;
        foreach (var c in title.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var folded = Fold(char.ToLowerInvariant(c));
            if (folded is not null)
            {
                builder.Append(folded);
                continue;
            }

            lostLetters |= char.IsLetter(c);
            if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "show-" + Hash(title)
            : lostLetters ? slug + "-" + Hash(title)
            : slug;
    }

    /// <summary>
    /// The slug for a show whose plain slug another show already holds: the plain slug (cut to
    /// leave room) and the first <paramref name="hashLength"/> hex digits of a hash of the show's
    /// <see cref="ShowTitleKey"/>, so it is the same whichever database or import order made it.
    /// </summary>
    public static string Disambiguated(string slug, string titleKey, int hashLength)
    {
        var suffix = "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(titleKey)))[..hashLength];
        var stem = slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug;
        return stem + suffix;
    }

    private static string? Fold(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' or 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        _ => null,
    };

    private static string Hash(string title) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title.Trim().ToLowerInvariant())))[..6];
}
