using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Interactions;

/// <summary>
/// The one place that acknowledges interactions and sends error replies. Every interaction gets
/// exactly one initial response (3.2: a second one fails with 40060, none within 3 s loses the
/// token): the handler's reply at once when it is quick, otherwise a defer followed by an edit of
/// @original. Handlers never talk to Discord themselves.
/// </summary>
public sealed class InteractionResponder(
    InteractionRouter router,
    DiscordRestClient rest,
    InteractionMetrics metrics,
    IOptions<InteractionDispatchOptions> options,
    TimeProvider time,
    ILogger<InteractionResponder> logger)
{
    private readonly TrackedTasks _late = new();

    /// <summary>Completes when every deferred answer has been delivered (or given up because the bot is stopping).</summary>
    public Task WhenIdleAsync() => _late.WhenAllAsync();

    public async Task RespondAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommandAutocomplete:
                await AutocompleteAsync(interaction, receivedTimestamp, cancellationToken);
                break;
            case InteractionType.ApplicationCommand or InteractionType.MessageComponent:
                await ReplyAsync(interaction, receivedTimestamp, cancellationToken);
                break;
            default:
                // PING only comes over HTTP; modals are not used. Nothing to answer.
                logger.LogDebug("Ignoring interaction {InteractionId} of type {InteractionType}", interaction.Id, interaction.Type);
                break;
        }
    }

    private async Task AutocompleteAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var (name, choices) = await ChoicesAsync(interaction, cancellationToken);
        var recordWritten = metrics.OnceWritten(receivedTimestamp, name, "autocomplete", "autocomplete");
        await SendInitialAsync(interaction, name, recordWritten, written => rest.RespondWithAutocompleteAsync(interaction, choices, written, cancellationToken), cancellationToken);
    }

    private async Task<(string Name, IReadOnlyList<ApplicationCommandOptionChoice> Choices)> ChoicesAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var command = router.FindCommand(interaction) as IAutocompleteCommand;
        var name = command?.Definition.Name ?? "unknown";
        IReadOnlyList<ApplicationCommandOptionChoice> choices = [];
        try
        {
            if (command is not null)
            {
                choices = await command.AutocompleteAsync(new InteractionContext(interaction), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No error text fits in a suggestion list; an empty list still answers (never leave it hanging).
            logger.LogError(exception, "Autocomplete for {CommandName} failed on interaction {InteractionId}", name, interaction.Id);
        }

        return (name, choices);
    }

    /// <summary>
    /// For the HTTP interactions endpoint: the same handlers and defer timing as <see cref="RespondAsync"/>,
    /// but the initial response comes back as a model for the caller to write into its HTTP answer; nothing
    /// is sent for it. A slow answer comes back as a defer; once <paramref name="initialWritten"/> reports
    /// that the defer was written, the handler's answer is delivered through REST as on the gateway. Null
    /// for a type this bot does not answer.
    /// </summary>
    public async Task<InitialResponse?> AnswerAsync(Interaction interaction, long receivedTimestamp, Task<bool> initialWritten, CancellationToken cancellationToken)
    {
        if (interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            var (command, choices) = await ChoicesAsync(interaction, cancellationToken);
            return new InitialResponse(command, "autocomplete", Autocomplete: new AutocompleteResponse(new AutocompleteResponseData(choices)));
        }

        if (interaction.Type is not (InteractionType.ApplicationCommand or InteractionType.MessageComponent))
        {
            return null;
        }

        var isComponent = interaction.Type == InteractionType.MessageComponent;
        var (name, work) = Start(interaction, cancellationToken);
        var budget = options.Value.DeferAfter - Stopwatch.GetElapsedTime(receivedTimestamp);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time, deferTimer.Token);
        if (await Task.WhenAny(work, deadline) == work)
        {
            await deferTimer.CancelAsync();
            var reply = await work;
            var callback = isComponent && reply.Kind == ReplyKind.UpdateSource
                ? InteractionCallbackType.UpdateMessage
                : InteractionCallbackType.ChannelMessageWithSource;
            return new InitialResponse(name, "reply", new InteractionResponse(callback, reply.Message));
        }

        logger.LogInformation("Deferring {CommandName} on interaction {InteractionId}", name, interaction.Id);
        _late.Track(FinishWhenWrittenAsync(initialWritten, interaction, name, isComponent, work, cancellationToken));
        return new InitialResponse(name, "defer", new InteractionResponse(isComponent ? InteractionCallbackType.DeferredUpdateMessage : InteractionCallbackType.DeferredChannelMessageWithSource));
    }

    /// <summary>@original exists only once Discord has the defer; an HTTP answer that never went out leaves nothing to edit.</summary>
    private async Task FinishWhenWrittenAsync(Task<bool> initialWritten, Interaction interaction, string name, bool isComponent, Task<InteractionReply> work, CancellationToken cancellationToken)
    {
        if (await initialWritten)
        {
            await FinishDeferredAsync(interaction, name, isComponent, work, cancellationToken);
        }
    }

    private async Task ReplyAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var isComponent = interaction.Type == InteractionType.MessageComponent;
        var (name, work) = Start(interaction, cancellationToken);
        var type = isComponent ? "component" : "command";

        // Discord's 3 s run from when it sent the interaction, not from when a handler slot came free, so
        // time spent queued behind other interactions comes out of the budget; none left means defer now.
        var budget = options.Value.DeferAfter - Stopwatch.GetElapsedTime(receivedTimestamp);
        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time, deferTimer.Token);
        if (await Task.WhenAny(work, deadline) == work)
        {
            await deferTimer.CancelAsync();
            var reply = await work;
            var callback = isComponent && reply.Kind == ReplyKind.UpdateSource
                ? InteractionCallbackType.UpdateMessage
                : InteractionCallbackType.ChannelMessageWithSource;
            var recordWritten = metrics.OnceWritten(receivedTimestamp, name, type, "reply");
            await SendInitialAsync(
                interaction,
                name,
                recordWritten,
                written => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, new InteractionResponse(callback, reply.Message), written, cancellationToken),
                cancellationToken);
            return;
        }

        // Slow (a cold database, a long guide): acknowledge now; for components callback 6 keeps the message as it is.
        logger.LogInformation("Deferring {CommandName} on interaction {InteractionId}", name, interaction.Id);
        var deferWritten = metrics.OnceWritten(receivedTimestamp, name, type, "defer");
        var deferred = await SendAsync(interaction, name, () => isComponent
            ? rest.DeferUpdateAsync(interaction, deferWritten, cancellationToken)
            : rest.DeferAsync(interaction, ephemeral: false, deferWritten, cancellationToken));
        if (deferred)
        {
            // The gateway runs only a few interaction handlers at once (Gateway:MaxConcurrentHandlers). Waiting
            // here for a slow answer would hold one of those slots, and a few slow answers would leave newer
            // interactions unacknowledged past 3 s. So the rest runs on its own, tracked so a stop waits for it.
            _late.Track(FinishDeferredAsync(interaction, name, isComponent, work, cancellationToken));
        }
    }

    /// <summary>Waits for a deferred handler and delivers its answer; never throws (a stop cancels it quietly).</summary>
    private async Task FinishDeferredAsync(Interaction interaction, string name, bool isComponent, Task<InteractionReply> work, CancellationToken cancellationToken)
    {
        InteractionReply late;
        try
        {
            late = await work;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the bot is stopping
        }

        try
        {
            await DeliverLateAsync(interaction, name, isComponent, late, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bot stopped while the answer was on its way.
        }
        catch (Exception exception)
        {
            // Nobody awaits this task but the stop; an odd answer from Discord must not fail the shutdown.
            logger.LogError(exception, "Could not deliver the deferred answer to {CommandName} on interaction {InteractionId}", name, interaction.Id);
        }
    }

    private Task DeliverLateAsync(Interaction interaction, string name, bool isComponent, InteractionReply late, CancellationToken cancellationToken) =>
        SendAsync(interaction, name, async () =>
        {
            if (isComponent && late.Kind == ReplyKind.NewMessage)
            {
                // An error or a new message after a button: a follow-up, so the button's message stays.
                await rest.CreateFollowupMessageAsync(interaction, late.Message, cancellationToken);
            }
            else if (late.IsEphemeral)
            {
                await ReplaceWithEphemeralAsync(interaction, late.Message, cancellationToken);
            }
            else
            {
                // The deferred reply's visibility was fixed at defer time (3.2); edits carry no ephemeral flag.
                await rest.EditOriginalResponseAsync(interaction, late.Message with { Flags = null }, cancellationToken);
            }
        });

    /// <summary>
    /// The defer was public and its visibility cannot change (3.2), but errors and "which show?" are for
    /// the invoker only: remove the public "thinking…" and send the answer as an ephemeral follow-up.
    /// If Discord will not delete it, the answer still goes into it: an answer seen by all beats none.
    /// </summary>
    private async Task ReplaceWithEphemeralAsync(Interaction interaction, MessageRequest message, CancellationToken cancellationToken)
    {
        try
        {
            await rest.DeleteOriginalResponseAsync(interaction, cancellationToken);
        }
        catch (DiscordRestException exception)
        {
            logger.LogWarning(exception, "Could not delete the deferred response to interaction {InteractionId}; answering in it", interaction.Id);
            await rest.EditOriginalResponseAsync(interaction, message with { Flags = null }, cancellationToken);
            return;
        }

        await rest.CreateFollowupMessageAsync(interaction, message, cancellationToken);
    }

    /// <summary>
    /// Runs the handler; the task never faults: an unexpected exception becomes the "something went wrong"
    /// reply. Only a stop of the bot cancels it.
    /// </summary>
    private (string Name, Task<InteractionReply> Work) Start(Interaction interaction, CancellationToken cancellationToken)
    {
        var context = new InteractionContext(interaction);
        if (interaction.Type == InteractionType.MessageComponent)
        {
            var (handler, argument) = router.FindComponent(interaction);
            return handler is null
                ? ("unknown", Task.FromResult(InteractionReply.Ephemeral("This button or menu has expired. Run the command again.")))
                : (handler.CustomIdPrefix, Guard(handler.CustomIdPrefix, interaction, () => handler.HandleAsync(context, argument, cancellationToken), cancellationToken));
        }

        var command = router.FindCommand(interaction);
        return command is null
            ? ("unknown", Task.FromResult(InteractionReply.Ephemeral("I don't know that command any more; Discord may still be showing an old list. Try again in a minute.")))
            : (command.Definition.Name, Guard(command.Definition.Name, interaction, () => command.ExecuteAsync(context, cancellationToken), cancellationToken));
    }

    private async Task<InteractionReply> Guard(string name, Interaction interaction, Func<Task<InteractionReply>> handler, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            return await handler();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bot is stopping: not a failure to report, and there is no one left to send a reply.
            throw;
        }
        catch (Exception exception)
        {
            var reference = ErrorReference.New();
            logger.LogError(exception, "Interaction {InteractionId} ({CommandName}) failed; error ref {ErrorRef}", interaction.Id, name, reference);
            metrics.Failed(name, interaction.Type == InteractionType.MessageComponent ? "component" : "command");
            return InteractionReply.Ephemeral($"Something went wrong (ref {reference}). It has been logged; please try again later.");
        }
    }

    /// <summary>
    /// Sends an initial response and returns as soon as it has been written to Discord's connection
    /// (or has failed); waiting for Discord's answer goes on in a tracked task. The gateway runs only
    /// a few interaction handlers at once, and holding one for Discord's round trip (tens of ms) capped
    /// the bot at a few hundred interactions a second and queued the rest behind it. Nothing after an
    /// immediate answer depends on Discord's reply: a refusal is only logged.
    /// </summary>
    private async Task SendInitialAsync(Interaction interaction, string name, Action recordWritten, Func<Action, Task> send, CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = SendAsync(interaction, name, () => send(() =>
        {
            recordWritten();
            written.TrySetResult();
        }));
        if (await Task.WhenAny(sending, written.Task) == sending)
        {
            await sending; // failed or answered before the flush returned: nothing left to wait for
            return;
        }

        _late.Track(AwaitAnswerAsync(sending, cancellationToken));
    }

    private static async Task AwaitAnswerAsync(Task<bool> sending, CancellationToken cancellationToken)
    {
        try
        {
            await sending; // refusals are logged by SendAsync
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bot is stopping while the answer is on its way back.
        }
    }

    /// <summary>Sends one request to Discord; a refusal is logged (with the route template, never the token) and reported as false.</summary>
    private async Task<bool> SendAsync(Interaction interaction, string name, Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (DiscordRestException exception)
        {
            logger.LogWarning(exception, "Discord refused the response to {CommandName} on interaction {InteractionId}", name, interaction.Id);
            return false;
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "Could not reach Discord to answer {CommandName} on interaction {InteractionId}", name, interaction.Id);
            return false;
        }
    }
}
