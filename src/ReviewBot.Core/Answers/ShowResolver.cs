using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>Turns what a user typed into one show, or the closest titles to suggest.</summary>
public sealed class ShowResolver(ShowTitleIndex index)
{
    public const int MaxSuggestions = 5;

    /// <summary>The show named exactly (slug or title), else null and up to 5 suggestions, best first.</summary>
    public async Task<(ShowRecord? Show, IReadOnlyList<ShowRecord> Suggestions)> ResolveAsync(string query, CancellationToken cancellationToken)
    {
        var shows = await index.GetAsync(cancellationToken);
        var exact = shows.FirstOrDefault(s => ShowMatcher.IsExact(query, s));
        if (exact is not null)
        {
            return (exact, []);
        }

        var suggestions = shows
            .Select(s => (Show: s, Score: ShowMatcher.Score(query, s)))
            .Where(x => x.Score >= ShowMatcher.SuggestionThreshold)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Show.Title, StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)
            .Select(x => x.Show)
            .ToList();
        return (null, suggestions);
    }
}
