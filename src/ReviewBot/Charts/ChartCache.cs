using Microsoft.Extensions.Caching.Memory;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Charts;

/// <summary>
/// Chart PNGs by review and version (its updated-at time), so a chart is drawn once per version of a
/// review however many people ask for it or however many channels announce it; an edited review gets
/// a new key and the old entry ages out. A hit is used only when the scores it was drawn from are the
/// ones asked for: two saves within one tick of the clock share an updated-at time, and the second
/// must not show the first one's chart. Bounded by entry count: a chart is a few tens of KB.
/// </summary>
public sealed class ChartCache(EpisodeChart chart) : IDisposable
{
    public const int Capacity = 256;

    private static readonly TimeSpan KeptWhileUnused = TimeSpan.FromHours(12);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The chart of one version of a review; null when it has no scored episode.</summary>
    public byte[]? Get(long reviewId, DateTimeOffset version, IReadOnlyList<EpisodeEntry> episodes, Score? average)
    {
        var key = (reviewId, version.UtcTicks);
        // Lazy: two requests racing for a new version draw it once, not twice.
        var drawn = _cache.GetOrCreate(key, e =>
        {
            e.Size = 1;
            e.SlidingExpiration = KeptWhileUnused;
            return Draw(episodes, average);
        })!;
        if (!drawn.IsOf(episodes, average))
        {
            drawn = Draw(episodes, average);
            _cache.Set(key, drawn, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = KeptWhileUnused });
        }

        return drawn.Png.Value;
    }

    /// <summary>
    /// Marks a version's chart as just used, if it is kept, without drawing it: an answer that carries
    /// the chart and is itself reused from elsewhere keeps its chart from aging out here first.
    /// </summary>
    public void Touch(long reviewId, DateTimeOffset version) => _cache.TryGetValue((reviewId, version.UtcTicks), out _);

    public void Dispose() => _cache.Dispose();

    private Drawn Draw(IReadOnlyList<EpisodeEntry> episodes, Score? average)
    {
        var copy = episodes.ToArray();
        return new Drawn(copy, average, new Lazy<byte[]?>(() => chart.Render(copy, average)));
    }

    private sealed record Drawn(EpisodeEntry[] Episodes, Score? Average, Lazy<byte[]?> Png)
    {
        public bool IsOf(IReadOnlyList<EpisodeEntry> episodes, Score? average) => Average == average && Episodes.SequenceEqual(episodes);
    }
}
