using System.Collections.Concurrent;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// For tests about the sources' mechanics (an importer that throws, cancellation mid-batch, exactly
/// what text a feed item becomes); results are tested end to end with the real importer. Applies the
/// importer's contract roughly: text without an "Episode Guide" is Rejected with NotAReview; one
/// without a verdict is Rejected with a line; otherwise Created, Updated or Unchanged by SourceKey and
/// content. Records every document it receives.
/// </summary>
public sealed class RecordingImporter : IReviewImporter
{
    private readonly ConcurrentDictionary<string, (long Id, string Text)> reviews = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(ReviewDocument Document, ImportResult Result)> received = new();
    private long nextId;

    /// <summary>Called before each import; throw from it to simulate a database failure.</summary>
    public Action<ReviewDocument>? BeforeImport { get; set; }

    public IReadOnlyList<(ReviewDocument Document, ImportResult Result)> Received => [.. received];

    public IReadOnlyList<ReviewDocument> Documents => [.. received.Select(r => r.Document)];

    public int ReviewCount => reviews.Count;

    public IReadOnlyList<ReviewDocument> Announced => [.. received.Where(r => r.Document.Announce && r.Result.Status == ImportStatus.Created).Select(r => r.Document)];

    public Task<ImportResult> ImportAsync(ReviewDocument document, CancellationToken cancellationToken)
    {
        BeforeImport?.Invoke(document);
        var result = Apply(document);
        received.Enqueue((document, result));
        return Task.FromResult(result);
    }

    private ImportResult Apply(ReviewDocument document)
    {
        var lines = document.Text.Split('\n');
        var guide = Array.FindIndex(lines, l => l.Trim() == "Episode Guide");
        if (guide < 0)
        {
            return new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: "no \"Episode Guide\" section; this is not a review", NotAReview: true);
        }

        if (!document.Text.Contains("Verdict", StringComparison.Ordinal))
        {
            return new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: "expected a \"Verdict - N/10\" line after the episode guide", Line: guide + 1);
        }

        var slug = lines[0].Split(" Season ")[0].Trim().ToLowerInvariant().Replace(' ', '-');
        var status = ImportStatus.Created;
        var id = 0L;
        reviews.AddOrUpdate(
            document.SourceKey,
            _ => (id = Interlocked.Increment(ref nextId), document.Text),
            (_, existing) =>
            {
                id = existing.Id;
                status = existing.Text == document.Text ? ImportStatus.Unchanged : ImportStatus.Updated;
                return (existing.Id, document.Text);
            });
        return new ImportResult(status, document.DisplayName, id, slug);
    }
}
