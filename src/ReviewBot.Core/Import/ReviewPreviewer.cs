using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Import;

/// <summary>
/// The importer's checks and parser without the store: the same size limit and the same
/// <see cref="ReviewParser"/>, so a preview can only differ from a real import by what is already stored.
/// </summary>
public sealed class ReviewPreviewer(ReviewParser parser) : IReviewPreviewer
{
    public ReviewPreview Preview(ReviewDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Text.Length > ReviewFileImporter.MaxFileBytes)
        {
            return new ReviewPreview(
                new ImportResult(ImportStatus.Rejected, document.DisplayName,
                    Error: $"the text is {document.Text.Length:N0} characters; the limit for a review is 1 MiB"),
                null);
        }

        ParseResult parsed;
        try
        {
            parsed = parser.Parse(document.Text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A parser failure is this document's verdict, the same as the importer's.
            return new ReviewPreview(new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: ReviewImporter.ParseFailure(ex)), null);
        }

        if (parsed.Review is not { } review)
        {
            return new ReviewPreview(
                new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: parsed.Error, Line: parsed.Line, NotAReview: parsed.NotAReview),
                null);
        }

        return new ReviewPreview(new ImportResult(ImportStatus.Created, document.DisplayName, ShowSlug: Slug.From(review.ShowTitle)), review);
    }
}
