namespace ReviewBot.Core.Reviews;

/// <summary>
/// A season's episode scores as /review, the chart and announcements state them: the one place that
/// decides which scale counts and how the average is rounded, so they never disagree.
/// </summary>
public static class EpisodeScores
{
    /// <summary>
    /// The scored episodes on the scale most of them use. Guides normally share one scale; if one does
    /// not, the common scale wins. Empty when no episode has a score.
    /// </summary>
    public static IReadOnlyList<EpisodeEntry> OnCommonScale(IReadOnlyList<EpisodeEntry> episodes)
    {
        var scored = episodes.Where(e => e.Score is not null).ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var scale = scored.GroupBy(e => e.Score!.Scale).OrderByDescending(g => g.Count()).First().Key;
        return scored.Where(e => e.Score!.Scale == scale).ToList();
    }

    /// <summary>The mean of <see cref="OnCommonScale"/>, one decimal, on that scale; null when nothing is scored.</summary>
    public static Score? Average(IReadOnlyList<EpisodeEntry> episodes)
    {
        var sameScale = OnCommonScale(episodes);
        return sameScale.Count == 0
            ? null
            : new Score(Math.Round(sameScale.Average(e => e.Score!.Value), 1, MidpointRounding.AwayFromZero), sameScale[0].Score!.Scale);
    }
}
