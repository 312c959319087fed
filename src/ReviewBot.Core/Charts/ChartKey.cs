using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Charts;

/// <summary>
/// What identifies a drawn chart: a hash of each episode's number and score, in episode order, which is
/// everything the chart shows (the average is computed from them). Two versions of a review with the
/// same scores share a key, so an edit of the prose keeps its chart; any changed score changes it.
/// A change to how charts are drawn does not change keys: it needs a migration that empties
/// review_charts, after which the backfill draws every chart anew.
/// </summary>
public static class ChartKey
{
    public static string Of(IReadOnlyList<EpisodeEntry> episodes)
    {
        var text = new StringBuilder("scores");
        foreach (var episode in InOrder(episodes))
        {
            text.Append('\n').Append(episode.Number.ToString(CultureInfo.InvariantCulture)).Append(':');
            if (episode.Score is { } score)
            {
                text.Append(score.Value.ToString("R", CultureInfo.InvariantCulture)).Append('/').Append(score.Scale.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append('-');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Episodes by number, as answers read them from the store; the chart is drawn in this order.</summary>
    public static IReadOnlyList<EpisodeEntry> InOrder(IReadOnlyList<EpisodeEntry> episodes)
    {
        for (var i = 1; i < episodes.Count; i++)
        {
            if (episodes[i - 1].Number > episodes[i].Number)
            {
                return episodes.OrderBy(e => e.Number).ToList();
            }
        }

        return episodes;
    }
}
