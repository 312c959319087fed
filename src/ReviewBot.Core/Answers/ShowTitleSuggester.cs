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
        var text = typed.Trim();
        if (text.Length == 0)
        {
            return shows.Take(limit).Select(s => new ShowRef(s.Title, s.Slug)).ToList();
        }

        var prefix = shows
            .Where(s => s.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase) || s.Slug.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase);
        var fuzzy = shows
            .Select(s => (Show: s, Score: ShowMatcher.Score(text, s)))
            .Where(x => x.Score >= ShowMatcher.SuggestionThreshold)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Show.Title, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Show);
        return prefix.Concat(fuzzy).DistinctBy(s => s.Id).Take(limit).Select(s => new ShowRef(s.Title, s.Slug)).ToList();
    }
}
