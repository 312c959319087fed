using System.Data.Common;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Import;

/// <summary>
/// Joins the import's transaction: called after a review is created or updated and before commit,
/// so what it writes (e.g. an outbox row per subscription) commits or rolls back with the review.
/// Throwing rolls the whole import back. Register as many as needed; they run in registration order.
/// Not called for <see cref="ImportStatus.Unchanged"/> or rejected documents.
/// </summary>
public interface IReviewSaveParticipant
{
    Task OnSavedAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken);
}

/// <param name="Created">True for a new review, false for an update in place.</param>
/// <param name="VerdictChanged">True when created, or when the verdict score differs from the stored one.</param>
/// <param name="EpisodeScoresChanged">True when created, or when any episode was added, removed or rescored.</param>
/// <param name="Announce">The document's <see cref="ReviewDocument.Announce"/> flag.</param>
public sealed record SavedReview(
    long ReviewId,
    long ShowId,
    string ShowSlug,
    string ShowTitle,
    int Season,
    bool Created,
    bool VerdictChanged,
    bool EpisodeScoresChanged,
    bool Announce,
    ReviewOrigin Origin,
    Review Review,
    string Summary,
    Uri? SourceUrl);
