using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews;

/// <summary><c>/search query</c>: full-text search (SearchQuery quotes every word, so no FTS5 syntax gets through).</summary>
public sealed class SearchCommand(SearchQuery search, SearchEmbedRenderer renderer) : ISlashCommand
{
    public const int Results = 5;
    public const string QueryOption = "query";

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "search",
        Description = "Search every review for words, e.g. \"mecha betrayal\"",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.String,
                Name = QueryOption,
                Description = "Words to look for in titles, headlines and reviews",
                Required = true,
                MinLength = 1,
                MaxLength = 200,
            },
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var query = context.GetString(QueryOption)?.Trim();
        if (string.IsNullOrEmpty(query) || SearchQuery.ToMatchExpression(query).Length == 0)
        {
            return InteractionReply.Ephemeral("Type a word or two to search for, e.g. `/search mecha`.");
        }

        // One more than is shown, only to tell whether more reviews match.
        var hits = await search.SearchAsync(query, Results + 1, cancellationToken);
        return InteractionReply.From(renderer.Render(query, hits, Results));
    }
}
