namespace ReviewBot.Core.Import;

/// <summary>Counts every import by origin and outcome (<see cref="CoreMetrics"/>) around the one importer all sources use.</summary>
internal sealed class MeteredReviewImporter(IReviewImporter inner, CoreMetrics metrics) : IReviewImporter
{
    public async Task<ImportResult> ImportAsync(ReviewDocument document, CancellationToken cancellationToken)
    {
        var result = await inner.ImportAsync(document, cancellationToken);
        metrics.Imported(document.Origin, result.Status);
        return result;
    }
}
