using System.Text.Json;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Discord's locales (docs: Reference, "Locales"). Every interaction carries the user's locale and,
/// in a guild, the guild's: one of these, read into the same string each time instead of a new one.
/// </summary>
internal static class DiscordLocales
{
    private static readonly (byte[] Utf8, string Text)[] Known = Utf8Of(
    [
        "en-US", "en-GB", "id", "da", "de", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR",
        "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    ]);

    /// <summary>The string at the reader's current token: a known locale's own instance, or a new string for any other.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        foreach (var (utf8, text) in Known)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return text;
            }
        }

        return reader.GetString()!;
    }

    private static (byte[] Utf8, string Text)[] Utf8Of(string[] locales) =>
        Array.ConvertAll(locales, locale => (System.Text.Encoding.UTF8.GetBytes(locale), locale));
}
