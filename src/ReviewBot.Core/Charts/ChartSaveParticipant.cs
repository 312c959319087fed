using System.Data.Common;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Charts;

/// <summary>
/// In every review save's transaction: an updated review whose scores changed loses its old chart
/// with the same commit. The new chart is drawn after the commit (<see cref="ReviewCharts.AfterStoredAsync"/>),
/// outside the transaction, so a failed or slow drawing never holds up or rolls back the review.
/// </summary>
internal sealed class ChartSaveParticipant(ReviewChartStore store) : IReviewSaveParticipant
{
    public Task OnSavedAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken) =>
        saved.Created
            ? Task.CompletedTask
            : store.DropOtherScoresAsync(connection, transaction, saved.ReviewId, ChartKey.Of(saved.Review.Episodes), cancellationToken);
}
