using System.Buffers;
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
        // The numbers are formatted into the builder and the text encoded into a rented buffer, not
        // made strings one by one: a first /review computes this key. The text, and so the key, is
        // the same as ever: stored charts are found by it.
        var text = new StringBuilder(16 + (episodes.Count * 24));
        text.Append("scores");
        foreach (var episode in InOrder(episodes))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{episode.Number}:");
            if (episode.Score is { } score)
            {
                text.Append(CultureInfo.InvariantCulture, $"{score.Value:R}/{score.Scale:R}");
            }
            else
            {
                text.Append('-');
            }
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            foreach (var chunk in text.GetChunks())
            {
                // Chunks end between characters the text is made of whole (no surrogate pairs), so each encodes on its own.
                length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
            }

            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
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
