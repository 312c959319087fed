using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// Turns an interaction into its initial response and hands it to the caller's
/// <see cref="IInitialResponseTarget"/>: finds the handler (<see cref="InteractionRouter"/>), runs it
/// guarded (<see cref="InteractionErrors"/>) on the calling thread, and sends its reply if it answered
/// in time (<see cref="DeferTiming"/>), otherwise a defer with the handler still running. Every
/// interaction gets exactly one initial response (docs: Interactions, Receiving and Responding: a
/// second one is refused, none within 3 s loses the token). Its methods return pooled ValueTasks:
/// each is awaited once, by the responder or the HTTP endpoint, for every interaction.
/// </summary>
public sealed partial class InitialResponses(InteractionRouter router, InteractionErrors errors, DeferTiming timing, ILogger<InitialResponses> logger)
{
    /// <summary>
    /// Whether the bot answers interactions of <paramref name="type"/> at all: PING comes only over HTTP
    /// and is answered there, and a type newer than this build has no response the bot can know is valid.
    /// </summary>
    public static bool Answers(InteractionType type) =>
        type is InteractionType.ApplicationCommandAutocomplete or InteractionType.ApplicationCommand or InteractionType.MessageComponent
            or InteractionType.ModalSubmit;

    /// <summary>
    /// Decides the initial response and sends it through <paramref name="target"/>; completes once that
    /// send has. An interaction the bot does not answer (<see cref="Answers"/>) is only logged.
    /// </summary>
    public ValueTask AnswerAsync(Interaction interaction, long receivedTimestamp, IInitialResponseTarget target, object? state, CancellationToken cancellationToken)
    {
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommandAutocomplete:
                return AutocompleteAsync(interaction, receivedTimestamp, target, state, cancellationToken);
            case InteractionType.ApplicationCommand or InteractionType.MessageComponent:
                return ReplyOrDeferAsync(interaction, receivedTimestamp, target, state, cancellationToken);
            case InteractionType.ModalSubmit:
                // The bot opens no modal: a submit is from a form it no longer knows (or forged), and
                // still gets its answer, ready at once, rather than Discord's "interaction failed".
                return target.SendAsync(interaction, Reply("unknown", "modal", InteractionErrors.ExpiredModal, isComponent: false), receivedTimestamp, state, cancellationToken);
            default:
                logger.LogDebug("Ignoring interaction {InteractionId} of type {InteractionType}", interaction.Id, interaction.Type);
                return ValueTask.CompletedTask;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AutocompleteAsync(Interaction interaction, long receivedTimestamp, IInitialResponseTarget target, object? state, CancellationToken cancellationToken)
    {
        if (router.FindCommand(interaction) is not IAutocompleteCommand command)
        {
            await target.SendAsync(interaction, Suggestions("unknown", []), receivedTimestamp, state, cancellationToken);
            return;
        }

        // Armed before the handler runs on this thread, as a command's deadline is (HandlerRace).
        var name = command.Definition.Name;
        var deadline = new AutocompleteDeadline(this, interaction, name, target, state, receivedTimestamp, cancellationToken);
        deadline.Arm(timing);
        IReadOnlyList<ApplicationCommandOptionChoice> choices;
        bool inTime;
        try
        {
            choices = await errors.GuardAutocompleteAsync(name, interaction, () => command.AutocompleteAsync(new InteractionContext(interaction), cancellationToken), cancellationToken);
        }
        finally
        {
            inTime = await deadline.HandlerReturnedAsync();
        }

        if (inTime)
        {
            await target.SendAsync(interaction, Suggestions(name, choices), receivedTimestamp, state, cancellationToken);
        }
    }

    private static InitialResponse Suggestions(string name, IReadOnlyList<ApplicationCommandOptionChoice> choices) =>
        new(name, "autocomplete", InitialResponseKind.Autocomplete) { Autocomplete = new AutocompleteResponse(new AutocompleteResponseData(choices)) };

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReplyOrDeferAsync(Interaction interaction, long receivedTimestamp, IInitialResponseTarget target, object? state, CancellationToken cancellationToken)
    {
        var isComponent = interaction.Type == InteractionType.MessageComponent;
        var kind = isComponent ? "component" : "command";
        ISlashCommand? command = null;
        IComponentHandler? handler = null;
        var argument = "";
        if (isComponent)
        {
            (handler, argument) = router.FindComponent(interaction);
        }
        else
        {
            command = router.FindCommand(interaction);
        }

        var name = handler?.CustomIdPrefix ?? command?.Definition.Name;
        if (name is null)
        {
            // A fixed answer, ready at once: no deadline to keep.
            var fixedAnswer = isComponent ? InteractionErrors.ExpiredComponent : InteractionErrors.UnknownCommand;
            await target.SendAsync(interaction, Reply("unknown", kind, fixedAnswer, isComponent), receivedTimestamp, state, cancellationToken);
            return;
        }

        // The deadline is armed before the handler starts, and what happens at it needs nothing from this
        // thread: the handler runs right here, and if it blocks the thread (a read from a slow disk, a
        // write waiting for the store's lock), the timer's thread sends the defer.
        var race = new HandlerRace(this, interaction, name, kind, target, state, receivedTimestamp, cancellationToken);
        race.Arm(timing);
        var work = handler is not null
            ? errors.GuardAsync(name, interaction, (Handler: handler, Context: new InteractionContext(interaction), Argument: argument), static (run, ct) => SharedMessages.HandleAsync(run.Handler, run.Context, run.Argument, ct), cancellationToken)
            : errors.GuardAsync(name, interaction, (Command: command!, Context: new InteractionContext(interaction)), static (run, ct) => run.Command.ExecuteAsync(run.Context, ct), cancellationToken);
        bool answered;
        try
        {
            answered = await race.HandlerReturned(work);
        }
        finally
        {
            race.Disarm();
        }

        if (answered)
        {
            await target.SendAsync(interaction, Reply(name, kind, await work, isComponent), receivedTimestamp, state, cancellationToken);
        }

        // Otherwise the defer has been sent, by the race, with the handler's answer to follow.
    }

    private void LogAutocompleteTooSlow(string name, Interaction interaction) =>
        logger.LogInformation("Autocomplete for {CommandName} on interaction {InteractionId} is too slow; answering with no suggestions", name, interaction.Id);

    private void LogDeferring(string name, Interaction interaction) =>
        logger.LogInformation("Deferring {CommandName} on interaction {InteractionId}", name, interaction.Id);

    private static InitialResponse Reply(string name, string kind, InteractionReply reply, bool isComponent)
    {
        var callback = PreparedCallback.TypeFor(reply.Kind, isComponent);
        return new InitialResponse(name, kind, InitialResponseKind.Reply)
        {
            // A reply made from JSON has no message objects to show, only its body (decoding them would undo what storing it saved).
            Message = reply.Serialized is null ? new InteractionResponse(callback, reply.Message) : null,
            Body = reply.PreparedBodyFor(callback),
            Reply = reply,
        };
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
}
