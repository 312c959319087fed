using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Parses a document the way the importer would, storing nothing: what <see cref="FeedCheck"/> uses
/// to say whether an item would be imported, and as what.
/// </summary>
public interface IReviewPreviewer
{
    ReviewPreview Preview(ReviewDocument document);
}

/// <param name="Result">What the importer would answer, short of touching the database (never Updated or Unchanged).</param>
/// <param name="Review">The parsed review when it would be imported; null when it would not.</param>
public sealed record ReviewPreview(ImportResult Result, Review? Review);
