using System.Globalization;

namespace ReviewBot.Core.Storage;

/// <summary>Times are stored as ISO 8601 UTC text, which sorts and compares correctly in SQL.</summary>
internal static class DbTime
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);
}
