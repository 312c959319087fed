using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Parses a document the way the importer would, storing nothing: what <see cref="FeedCheck"/> uses
/// to say whether an item would be imported. The foundation's parser is expected to implement it.
/// </summary>
public interface IReviewPreviewer
{
    ImportResult Preview(ReviewDocument document);
}
