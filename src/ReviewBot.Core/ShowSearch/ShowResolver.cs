using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.ShowSearch;

/// <summary>Turns what a user typed into one show, or the closest titles to suggest.</summary>
public sealed class ShowResolver(ShowTitleIndex index, ExactShowLookup exact)
{
    public const int MaxSuggestions = 5;

    /// <summary>The show named exactly (slug or title), else null and up to 5 suggestions, best first.</summary>
    /// <remarks>
    /// A ValueTask: with the index built, a show named exactly is found without waiting, and every
    /// /review and /episode asks this once.
    /// </remarks>
    public async ValueTask<(ShowRecord? Show, IReadOnlyList<ShowRecord> Suggestions)> ResolveAsync(string query, CancellationToken cancellationToken)
    {
        // Until this process has built the index, a show named exactly is one indexed read away:
        // a cold `ask` then answers without loading every show. A miss needs the index for its suggestions.
        ShowQuery? typed = null;
        if (!index.IsBuilt)
        {
            typed = new ShowQuery(query); // slugged and split once, not once per show
            if (await exact.FindAsync(typed, cancellationToken) is { } named)
            {
                return (named, []);
            }
        }

        // With the index, an exact match needs none of the query's other forms: they are made for
        // suggestions. A show found in the snapshot held is right as it is (ShowTitleIndex.Current);
        // a miss checks that no other process has added it since.
        if (typed is null && index.Current?.FindExact(query) is { } known)
        {
            return (known, []);
        }

        var shows = await index.GetAsync(cancellationToken);
        var found = typed is null ? shows.FindExact(query) : shows.FindExact(typed);
        if (found is not null)
        {
            return (found, []);
        }

        return (null, shows.BestMatches(typed ?? new ShowQuery(query), MaxSuggestions));
    }
}
