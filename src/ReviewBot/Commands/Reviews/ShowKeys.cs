using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;

namespace ReviewBot.Commands.Reviews;

/// <summary>
/// Show ids for custom_ids: a slug can be long, an id fits the 100-character custom_id limit (6.5).
/// Both directions use the in-memory title index, so buttons cost no extra query.
/// </summary>
public sealed class ShowKeys(ShowTitleIndex index)
{
    public async Task<long?> IdOfAsync(ShowRef show, CancellationToken cancellationToken) =>
        (await index.GetAsync(cancellationToken)).FirstOrDefault(s => s.Slug == show.Slug)?.Id;

    public async Task<ShowRecord?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await index.GetAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);
}
