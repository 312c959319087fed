using System.Globalization;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Charts;

/// <summary>
/// The chart's facts as one line of text, for where an image cannot be sent:
/// "`3 3.5 3.5 – 2.5` /5 · average 3.0". An unscored episode is a dash.
/// </summary>
public static class ScoreRow
{
    public static string? Of(IReadOnlyList<EpisodeEntry> episodes)
    {
        if (EpisodeScores.Average(episodes) is not { } average)
        {
            return null;
        }

        var scores = string.Join(" ", episodes.Select(e => e.Score is { } s ? s.Value.ToString("0.#", CultureInfo.InvariantCulture) : "–"));
        var tail = string.Create(CultureInfo.InvariantCulture, $" /{average.Scale:0.##} · average {average.Value:0.0}");
        return "`" + TextShortener.Shorten(scores, DiscordLimits.EmbedFieldValue - tail.Length - 2) + "`" + tail;
    }
}
