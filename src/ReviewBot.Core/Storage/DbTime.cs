using System.Globalization;

namespace ReviewBot.Core.Storage;

/// <summary>Times are stored as ISO 8601 UTC text, which sorts and compares correctly in SQL.</summary>
internal static class DbTime
{
    /// <summary>How every time is stored: ISO 8601 in UTC to the tick, so text order is time order.</summary>
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The longest <see cref="Pattern"/> writes, in UTF-8 bytes.</summary>
    public const int Utf8Length = 28;

    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>As <see cref="Format"/>, written as UTF-8 into <paramref name="destination"/> (at least <see cref="Utf8Length"/> bytes) instead of a new string.</summary>
    public static int FormatUtf8(DateTimeOffset time, Span<byte> destination) =>
        time.ToUniversalTime().TryFormat(destination, out var written, Pattern, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException($"A stored time needs {Utf8Length} bytes.", nameof(destination));

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => text is null ? null : Parse(text);
}
