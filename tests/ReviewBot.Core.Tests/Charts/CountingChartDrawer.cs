using System.Collections.Concurrent;
using System.Text;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Charts;

/// <summary>
/// A chart drawer for Core's tests: the "image" is the bytes of the scores' key (so a stored chart
/// shows which scores it was drawn from), every drawing is recorded, and <see cref="Fail"/> makes it throw.
/// </summary>
public sealed class CountingChartDrawer : IReviewChartDrawer
{
    private readonly ConcurrentQueue<IReadOnlyList<EpisodeEntry>> _drawn = new();

    public volatile bool Fail;

    /// <summary>Called with the episodes before each drawing, on the drawing's thread (a test can hold a drawing there).</summary>
    public Action<IReadOnlyList<EpisodeEntry>>? BeforeDraw { get; set; }

    public int Count => _drawn.Count;

    public IReadOnlyList<IReadOnlyList<EpisodeEntry>> Drawn => [.. _drawn];

    public static byte[] ImageOf(IReadOnlyList<EpisodeEntry> episodes) => Encoding.UTF8.GetBytes("chart " + ChartKey.Of(episodes));

    public byte[]? Draw(IReadOnlyList<EpisodeEntry> episodes)
    {
        if (Fail)
        {
            throw new InvalidOperationException("the test drawer was told to fail");
        }

        BeforeDraw?.Invoke(episodes);
        _drawn.Enqueue(episodes);
        return ImageOf(episodes);
    }
}
