namespace ReviewBot.Core.Reviews;

/// <summary>The average of a season's scored episodes, as /review states it (one decimal, on their common scale).</summary>
public static class EpisodeScores
{
    public static Score? Average(IReadOnlyList<EpisodeEntry> episodes)
    {
        var scored = episodes.Where(e => e.Score is not null).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        // Guides normally share one scale; if one does not, the common scale wins.
        var scale = scored.GroupBy(e => e.Score!.Scale).OrderByDescending(g => g.Count()).First().Key;
        var mean = scored.Where(e => e.Score!.Scale == scale).Average(e => e.Score!.Value);
        return new Score(Math.Round(mean, 1, MidpointRounding.AwayFromZero), scale);
    }
}
