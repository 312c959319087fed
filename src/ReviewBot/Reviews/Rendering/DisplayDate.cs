using ReviewBot.Discord.Interactions;

namespace ReviewBot.Reviews.Rendering;

/// <summary>
/// Dates as the embeds show them: a timestamp tag, so each reader sees the day in their own time zone
/// and language. Tags render in descriptions and field values only, never in footers or titles.
/// </summary>
public static class DisplayDate
{
    public static string Format(DateTimeOffset date) => DiscordTimestamp.Day(date);
}
