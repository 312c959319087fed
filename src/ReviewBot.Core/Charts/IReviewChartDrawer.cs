using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Charts;

/// <summary>
/// Draws a season's episode-score chart. Core stores and serves charts but draws none itself (the
/// graphics library belongs to the host); the host registers one. Without one, reviews are stored
/// without charts and answers fall back to their text.
/// </summary>
public interface IReviewChartDrawer
{
    /// <summary>The PNG of <paramref name="episodes"/> (by number); null when no episode has a score to draw.</summary>
    byte[]? Draw(IReadOnlyList<EpisodeEntry> episodes);
}
