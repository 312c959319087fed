using Microsoft.Extensions.Caching.Memory;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Charts;

/// <summary>
/// Chart PNGs by review and version (its updated-at time), so a chart is drawn once per version of a
/// review however many people ask for it or however many channels announce it; an edited review gets
/// a new key and the old entry ages out. Bounded by entry count: a chart is a few tens of KB.
/// </summary>
public sealed class ChartCache(EpisodeChart chart) : IDisposable
{
    public const int Capacity = 256;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>The chart of one version of a review; null when it has no scored episode.</summary>
    public byte[]? Get(long reviewId, DateTimeOffset version, IReadOnlyList<EpisodeEntry> episodes, Score? average)
    {
        // Lazy: two requests racing for a new version draw it once, not twice.
        var entry = _cache.GetOrCreate((reviewId, version.UtcTicks), e =>
        {
            e.Size = 1;
            e.SlidingExpiration = TimeSpan.FromHours(12);
            return new Lazy<byte[]?>(() => chart.Render(episodes, average));
        })!;
        return entry.Value;
    }

    /// <summary>
    /// Marks a version's chart as just used, if it is kept, without drawing it: an answer that carries
    /// the chart and is itself reused from elsewhere keeps its chart from aging out here first.
    /// </summary>
    public void Touch(long reviewId, DateTimeOffset version) => _cache.TryGetValue((reviewId, version.UtcTicks), out _);

    public void Dispose() => _cache.Dispose();
}
