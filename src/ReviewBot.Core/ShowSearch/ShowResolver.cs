using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.ShowSearch;

/// <summary>Turns what a user typed into one show, or the closest titles to suggest.</summary>
public sealed class ShowResolver(ShowTitleIndex index)
{
    public const int MaxSuggestions = 5;

    /// <summary>The show named exactly (slug or title), else null and up to 5 suggestions, best first.</summary>
    public async Task<(ShowRecord? Show, IReadOnlyList<ShowRecord> Suggestions)> ResolveAsync(string query, CancellationToken cancellationToken)
    {
        var shows = await index.GetAsync(cancellationToken);
        var typed = new ShowQuery(query); // slugged and split once, not once per show
        var exact = shows.FindExact(typed);
        if (exact is not null)
        {
            return (exact, []);
        }

        return (null, shows.BestMatches(typed, MaxSuggestions));
    }
}
