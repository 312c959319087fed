using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Answers;

/// <summary>Autocomplete for show options: titles starting with the text first, then fuzzy matches.</summary>
public sealed class ShowTitleSuggester(ShowTitleIndex index)
{
    /// <summary>Discord allows at most 25 autocomplete choices.</summary>
    public const int MaxLimit = 25;

    public async Task<IReadOnlyList<ShowRef>> SuggestAsync(string typed, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 0, MaxLimit);
        var shows = await index.GetAsync(cancellationToken);
        return shows.Suggest(typed, limit).ConvertAll(s => new ShowRef(s.Title, s.Slug));
    }
}
