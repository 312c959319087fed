using System.Globalization;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Charts;

/// <summary>
/// The chart's facts as one line of text, for where an image cannot be sent:
/// "`3 3.5 3.75 – 2.5` /5 · average 3.2". An unscored episode is a dash, one on another scale names
/// it ("8/10"); scores past a field's length are counted inside the row ("`3 3.5 …and 120 more` /5 ·
/// average 3.0").
/// </summary>
public static class ScoreRow
{
    public static string? Of(IReadOnlyList<EpisodeEntry> episodes)
    {
        if (EpisodeScores.Average(episodes) is not { } average)
        {
            return null;
        }

        // A season of hundreds of episodes is more than a field's 1024 characters: whole scores, and
        // a count of those that do not fit, rather than a row that stops without saying how many.
        // Each score as the guide writes it, to its two decimals; one on another scale than the row's
        // (the scale most episodes use) names its own, or 8/10 would read as 8 out of 5.
        var scores = episodes.Select(e => e.Score is not { } s ? "–"
            : s.Scale == average.Scale ? s.Value.ToString("0.##", CultureInfo.InvariantCulture)
            : s.ToString()).ToList();
        var tail = string.Create(CultureInfo.InvariantCulture, $"` /{average.Scale:0.##} · average {average.Value:0.0}");
        return WholeItems.Join("`", scores, " ", DiscordLimits.EmbedFieldValue, tail);
    }
}
