using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary><c>/review show [season]</c>: the whole review of a season.</summary>
public sealed class ReviewCommand(ReviewReplies replies, ShowChoices shows) : IAutocompleteCommand
{
    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "review",
        Description = "Show a season's review: verdict, summary and episode guide",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            ShowChoices.Option(required: true, "The show; start typing and pick one"),
            SeasonOption.Create("Which season (the latest reviewed one if left out)"),
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var show = context.GetString(ShowChoices.OptionName);
        if (string.IsNullOrWhiteSpace(show))
        {
            return Task.FromResult(InteractionReply.Ephemeral("Tell me which show: `/review show:metallic-rouge`."));
        }

        if (!SeasonOption.TryRead(context, out var season))
        {
            return Task.FromResult(InteractionReply.Ephemeral(SeasonOption.Problem));
        }

        // Mostly at hand (the show in the index, its version kept): the reply's task is then this
        // command's, without a second task and state machine around it.
        var lookup = replies.LookupAsync(new ReviewRequest(show, season, context.ChannelKey), context, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? replies.ReplyAsync(lookup.Result, ReplyKind.NewMessage, context, cancellationToken)
            : ReplyAsync(lookup, context, cancellationToken);
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        shows.SuggestAsync(context, cancellationToken);

    private async Task<InteractionReply> ReplyAsync(ValueTask<ReviewLookup> lookup, InteractionContext context, CancellationToken cancellationToken) =>
        await replies.ReplyAsync(await lookup, ReplyKind.NewMessage, context, cancellationToken);
}
