using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// Joins the real importer's transaction the way the announcements outbox does, and records what it
/// was given: a save with Announce=true is what would be announced.
/// </summary>
public sealed class RecordingSaveParticipant : IReviewSaveParticipant
{
    private readonly ConcurrentQueue<SavedReview> saved = new();

    /// <summary>Called inside the transaction; throw from it to make the whole import roll back.</summary>
    public Action<SavedReview>? OnSave { get; set; }

    public IReadOnlyList<SavedReview> Saved => [.. saved];

    public IReadOnlyList<SavedReview> Announced => [.. saved.Where(s => s.Announce)];

    public Task OnSavedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SavedReview review, CancellationToken cancellationToken)
    {
        OnSave?.Invoke(review);
        saved.Enqueue(review);
        return Task.CompletedTask;
    }
}
