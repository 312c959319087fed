using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Reviews;

/// <summary>
/// Show ids for custom_ids: a slug can be long, an id fits the 100-character custom_id limit
/// (<see cref="ReviewBot.Discord.Interactions.DiscordLimits.CustomId"/>).
/// Both directions are dictionary lookups in the in-memory show index, so buttons cost no extra query;
/// a show found in the snapshot held needs no freshness check either (<see cref="ShowTitleIndex.FindAsync"/>).
/// </summary>
public sealed class ShowIdLookup(ShowTitleIndex index)
{
    public async Task<long?> IdOfAsync(ShowRef show, CancellationToken cancellationToken) =>
        (await index.FindAsync(show.Slug, static (shows, slug) => shows.FindBySlug(slug), cancellationToken))?.Id;

    public async Task<ShowRecord?> FindAsync(long id, CancellationToken cancellationToken) =>
        await index.FindAsync(id, static (shows, id) => shows.FindById(id), cancellationToken);
}
