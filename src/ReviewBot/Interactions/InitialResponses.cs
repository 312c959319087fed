using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// Turns an interaction into its initial response without sending anything: finds the handler
/// (<see cref="InteractionRouter"/>), runs it guarded (<see cref="InteractionErrors"/>), and gives its
/// reply if it answered in time (<see cref="DeferTiming"/>), otherwise a defer with the handler still
/// running. Every interaction gets exactly one initial response (docs: Interactions, Receiving and
/// Responding: a second one is refused, none within 3 s loses the token). Its methods return pooled
/// ValueTasks: each is awaited once, by the responder or the HTTP endpoint, for every interaction.
/// </summary>
public sealed class InitialResponses(InteractionRouter router, InteractionErrors errors, DeferTiming timing, ILogger<InitialResponses> logger)
{
    /// <summary>The initial response, or null for interactions the bot does not answer (PING comes only over HTTP; modals are not used).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<InitialResponse?> DecideAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<InitialResponse> AutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<InitialResponse> ReplyOrDeferAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
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
                // A reply made from JSON has no message objects to show, only its body (decoding them would undo what storing it saved).
                Message = reply.Serialized is null ? new InteractionResponse(callback, reply.Message) : null,
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
        if (interaction.Type == InteractionType.MessageComponent)
        {
            var (handler, argument) = router.FindComponent(interaction);
            return handler is null
                ? ("unknown", ExpiredComponentAnswer)
                : (handler.CustomIdPrefix, errors.GuardAsync(handler.CustomIdPrefix, interaction, (Handler: handler, Context: new InteractionContext(interaction), Argument: argument), static (run, ct) => run.Handler.HandleAsync(run.Context, run.Argument, ct), cancellationToken));
        }

        var command = router.FindCommand(interaction);
        return command is null
            ? ("unknown", UnknownCommandAnswer)
            : (command.Definition.Name, errors.GuardAsync(command.Definition.Name, interaction, (Command: command, Context: new InteractionContext(interaction)), static (run, ct) => run.Command.ExecuteAsync(run.Context, ct), cancellationToken));
    }

    // The fixed answers, finished once: every unknown command or expired component gets the same one.
    private static readonly Task<InteractionReply> UnknownCommandAnswer = Task.FromResult(InteractionErrors.UnknownCommand);
    private static readonly Task<InteractionReply> ExpiredComponentAnswer = Task.FromResult(InteractionErrors.ExpiredComponent);
}
