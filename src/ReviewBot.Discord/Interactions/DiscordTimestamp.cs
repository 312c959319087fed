using System.Globalization;

namespace ReviewBot.Discord.Interactions;

/// <summary>How a timestamp tag is shown (docs: Reference, Message Formatting, Timestamp Styles).</summary>
public enum TimestampStyle
{
    /// <summary>16:20</summary>
    ShortTime = 't',

    /// <summary>16:20:30</summary>
    LongTime = 'T',

    /// <summary>20/04/2021</summary>
    ShortDate = 'd',

    /// <summary>20 April 2021</summary>
    LongDate = 'D',

    /// <summary>20 April 2021 16:20</summary>
    ShortDateTime = 'f',

    /// <summary>Tuesday, 20 April 2021 16:20</summary>
    LongDateTime = 'F',

    /// <summary>2 months ago</summary>
    Relative = 'R',
}

/// <summary>
/// <c>&lt;t:UNIX:style&gt;</c> tags, which every reader's client shows in their own time zone and
/// language. They render in message content, embed descriptions and field values, not in embed
/// titles, footers or author names.
/// </summary>
public static class DiscordTimestamp
{
    public static string Format(DateTimeOffset instant, TimestampStyle style) =>
        string.Create(CultureInfo.InvariantCulture, $"<t:{instant.ToUnixTimeSeconds()}:{(char)style}>");

    /// <summary>
    /// A calendar day as a long date. A value at exactly midnight UTC is taken as a date without a time
    /// of day (what "published: 2026-01-20" gives) and tagged at noon UTC, so readers from UTC−11 to
    /// UTC+11 all see that same day instead of the day before west of Greenwich.
    /// </summary>
    public static string Day(DateTimeOffset date)
    {
        var utc = date.ToUniversalTime();
        var instant = utc.TimeOfDay == TimeSpan.Zero ? utc.AddHours(12) : utc;
        return Format(instant, TimestampStyle.LongDate);
    }
}
