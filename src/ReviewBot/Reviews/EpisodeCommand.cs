using System.Globalization;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary><c>/episode number [show] [season]</c>: one episode; without a show, the channel's last show.</summary>
public sealed class EpisodeCommand(EpisodeReplies replies, ShowChoices shows) : IAutocompleteCommand
{
    public const string NumberOption = "number";

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "episode",
        Description = "Show what a review says about one episode, with its score",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = NumberOption,
                Description = "The episode number",
                Required = true,
                MinValue = 1,
                MaxValue = ReviewLimits.MaxEpisodeNumber, // the episodes import accepts: any stored one can be asked for
            },
            ShowChoices.Option(required: false, "The show (this channel's last show if left out)"),
            SeasonOption.Create("Which season (the latest reviewed one if left out)"),
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    private static readonly string NumberProblem =
        string.Create(CultureInfo.InvariantCulture, $"The episode number is a whole number from 1 to {ReviewLimits.MaxEpisodeNumber:N0}, e.g. `/episode 9`.");

    public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        // Discord enforces both ranges in its client; a stale client or a crafted request is told which option was wrong.
        if (context.GetInt64(NumberOption) is not (>= 1 and <= ReviewLimits.MaxEpisodeNumber))
        {
            return Task.FromResult(InteractionReply.Ephemeral(NumberProblem));
        }

        if (!SeasonOption.TryRead(context, out var season))
        {
            return Task.FromResult(InteractionReply.Ephemeral(SeasonOption.Problem));
        }

        var number = (int)context.GetInt64(NumberOption)!.Value;
        var show = context.GetString(ShowChoices.OptionName);
        var lookup = replies.LookupAsync(
            new EpisodeRequest(number, string.IsNullOrWhiteSpace(show) ? null : show, season, context.ChannelKey), cancellationToken);

        // Mostly at hand (the show in the index, its version kept): the reply's task is then this
        // command's, without a second task and state machine around it.
        return lookup.IsCompletedSuccessfully
            ? replies.ReplyAsync(lookup.Result, ReplyKind.NewMessage, context, cancellationToken)
            : ReplyAsync(lookup, context, cancellationToken);
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        shows.SuggestAsync(context, cancellationToken);

    private async Task<InteractionReply> ReplyAsync(ValueTask<EpisodeLookup> lookup, InteractionContext context, CancellationToken cancellationToken) =>
        await replies.ReplyAsync(await lookup, ReplyKind.NewMessage, context, cancellationToken);
}
