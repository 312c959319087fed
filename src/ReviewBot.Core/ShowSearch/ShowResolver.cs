using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.ShowSearch;

/// <summary>Turns what a user typed into one show, or the closest titles to suggest.</summary>
public sealed class ShowResolver(ShowTitleIndex index, ExactShowLookup exact)
{
    public const int MaxSuggestions = 5;

    /// <summary>The show named exactly (slug or title), else null and up to 5 suggestions, best first.</summary>
    public async Task<(ShowRecord? Show, IReadOnlyList<ShowRecord> Suggestions)> ResolveAsync(string query, CancellationToken cancellationToken)
    {
        var typed = new ShowQuery(query); // slugged and split once, not once per show

        // Until this process has built the index, a show named exactly is one indexed read away:
        // a cold `ask` then answers without loading every show. A miss needs the index for its suggestions.
        if (!index.IsBuilt && await exact.FindAsync(typed, cancellationToken) is { } named)
        {
            return (named, []);
        }

        var shows = await index.GetAsync(cancellationToken);
        var found = shows.FindExact(typed);
        if (found is not null)
        {
            return (found, []);
        }

        return (null, shows.BestMatches(typed, MaxSuggestions));
    }
}
