using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// Turns an interaction into its initial response without sending anything: finds the handler
/// (<see cref="InteractionRouter"/>), runs it guarded (<see cref="InteractionErrors"/>), and gives its
/// reply if it answered in time (<see cref="DeferTiming"/>), otherwise a defer with the handler still
/// running. Every interaction gets exactly one initial response (docs: Interactions, Receiving and
/// Responding: a second one is refused, none within 3 s loses the token).
/// </summary>
public sealed class InitialResponses(InteractionRouter router, InteractionErrors errors, DeferTiming timing, ILogger<InitialResponses> logger)
{
    /// <summary>The initial response, or null for interactions the bot does not answer (PING comes only over HTTP; modals are not used).</summary>
    public async Task<InitialResponse?> DecideAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommandAutocomplete:
                return await AutocompleteAsync(interaction, cancellationToken);
            case InteractionType.ApplicationCommand or InteractionType.MessageComponent:
                return await ReplyOrDeferAsync(interaction, receivedTimestamp, cancellationToken);
            default:
                logger.LogDebug("Ignoring interaction {InteractionId} of type {InteractionType}", interaction.Id, interaction.Type);
                return null;
        }
    }

    private async Task<InitialResponse> AutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var command = router.FindCommand(interaction) as IAutocompleteCommand;
        var name = command?.Definition.Name ?? "unknown";
        IReadOnlyList<ApplicationCommandOptionChoice> choices = command is null
            ? []
            : await errors.GuardAutocompleteAsync(name, interaction, () => command.AutocompleteAsync(new InteractionContext(interaction), cancellationToken), cancellationToken);
        return new InitialResponse(name, "autocomplete", InitialResponseKind.Autocomplete)
        {
            Autocomplete = new AutocompleteResponse(new AutocompleteResponseData(choices)),
        };
    }

    private async Task<InitialResponse> ReplyOrDeferAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var isComponent = interaction.Type == InteractionType.MessageComponent;
        var kind = isComponent ? "component" : "command";
        var (name, work) = Start(interaction, cancellationToken);
        if (await timing.FinishesInTimeAsync(work, receivedTimestamp, cancellationToken))
        {
            var reply = await work;
            var callback = PreparedCallback.TypeFor(reply.Kind, isComponent);
            return new InitialResponse(name, kind, InitialResponseKind.Reply)
            {
                Message = new InteractionResponse(callback, reply.Message),
                Body = reply.PreparedBodyFor(callback),
                Reply = reply,
            };
        }

        // Slow (a cold database, a long guide): acknowledge now.
        logger.LogInformation("Deferring {CommandName} on interaction {InteractionId}", name, interaction.Id);
        return Defer(interaction, name, kind, work);
    }

    /// <summary>
    /// A finished reply turned into a defer whose answer <see cref="LateReplies"/> delivers: for a
    /// transport that cannot carry the reply as the initial response itself.
    /// </summary>
    public static InitialResponse DeferReply(Interaction interaction, InitialResponse reply) =>
        reply.Reply is { } answer && reply.Kind == InitialResponseKind.Reply
            ? Defer(interaction, reply.Name, reply.InteractionKind, Task.FromResult(answer))
            : throw new ArgumentException("Only a reply with its handler's answer can be deferred.", nameof(reply));

    /// <summary>A public defer for commands (its visibility is fixed here); for components callback 6 keeps the message as it is.</summary>
    private static InitialResponse Defer(Interaction interaction, string name, string kind, Task<InteractionReply> work)
    {
        var defer = interaction.Type == InteractionType.MessageComponent ? InteractionCallbackType.DeferredUpdateMessage : InteractionCallbackType.DeferredChannelMessageWithSource;
        return new InitialResponse(name, kind, InitialResponseKind.Defer) { Message = new InteractionResponse(defer), Pending = work };
    }

    /// <summary>Starts the handler the router finds, or the answer for one it does not know.</summary>
    private (string Name, Task<InteractionReply> Work) Start(Interaction interaction, CancellationToken cancellationToken)
    {
        var context = new InteractionContext(interaction);
        if (interaction.Type == InteractionType.MessageComponent)
        {
            var (handler, argument) = router.FindComponent(interaction);
            return handler is null
                ? ("unknown", Task.FromResult(InteractionErrors.ExpiredComponent))
                : (handler.CustomIdPrefix, errors.GuardAsync(handler.CustomIdPrefix, interaction, () => handler.HandleAsync(context, argument, cancellationToken), cancellationToken));
        }

        var command = router.FindCommand(interaction);
        return command is null
            ? ("unknown", Task.FromResult(InteractionErrors.UnknownCommand))
            : (command.Definition.Name, errors.GuardAsync(command.Definition.Name, interaction, () => command.ExecuteAsync(context, cancellationToken), cancellationToken));
    }
}
