using System.Globalization;

namespace ReviewBot.Reviews.Rendering;

/// <summary>Dates as the embeds show them: "20 Jan 2026", the same in every culture the host runs in.</summary>
public static class DisplayDate
{
    public static string Format(DateTimeOffset date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
