using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Commands;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Hosting;

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

        metrics.RecordInitialResponse(Stopwatch.GetElapsedTime(receivedTimestamp), name, "autocomplete", "autocomplete");
        await SendAsync(interaction, name, () => rest.RespondWithAutocompleteAsync(interaction, choices, cancellationToken));
    }

    private async Task ReplyAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var isComponent = interaction.Type == InteractionType.MessageComponent;
        var (name, work) = Start(interaction, cancellationToken);
        var type = isComponent ? "component" : "command";

        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(options.Value.DeferAfter, time, deferTimer.Token);
        if (await Task.WhenAny(work, deadline) == work)
        {
            await deferTimer.CancelAsync();
            var reply = await work;
            var callback = isComponent && reply.Kind == ReplyKind.UpdateSource
                ? InteractionCallbackType.UpdateMessage
                : InteractionCallbackType.ChannelMessageWithSource;
            metrics.RecordInitialResponse(Stopwatch.GetElapsedTime(receivedTimestamp), name, type, "reply");
            await SendAsync(interaction, name, () => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, new InteractionResponse(callback, reply.Message), cancellationToken));
            return;
        }

        // Slow (a cold database, a long guide): acknowledge now; for components callback 6 keeps the message as it is.
        metrics.RecordInitialResponse(Stopwatch.GetElapsedTime(receivedTimestamp), name, type, "defer");
        logger.LogInformation("Deferring {CommandName} on interaction {InteractionId}", name, interaction.Id);
        var deferred = await SendAsync(interaction, name, () => isComponent
            ? rest.DeferUpdateAsync(interaction, cancellationToken)
            : rest.DeferAsync(interaction, ephemeral: false, cancellationToken));
        var late = await work;
        if (!deferred)
        {
            return;
        }

        await SendAsync(interaction, name, async () =>
        {
            if (isComponent && late.Kind == ReplyKind.NewMessage)
            {
                // An error or a new message after a button: a follow-up, so the button's message stays.
                await rest.CreateFollowupMessageAsync(interaction, late.Message, cancellationToken);
            }
            else
            {
                // The deferred reply's visibility was fixed at defer time (3.2); edits carry no ephemeral flag.
                await rest.EditOriginalResponseAsync(interaction, late.Message with { Flags = null }, cancellationToken);
            }
        });
    }

    /// <summary>Runs the handler; the task never faults: an unexpected exception becomes the "something went wrong" reply.</summary>
    private (string Name, Task<InteractionReply> Work) Start(Interaction interaction, CancellationToken cancellationToken)
    {
        var context = new InteractionContext(interaction);
        if (interaction.Type == InteractionType.MessageComponent)
        {
            var (handler, argument) = router.FindComponent(interaction);
            return handler is null
                ? ("unknown", Task.FromResult(InteractionReply.Ephemeral("This button or menu has expired. Run the command again.")))
                : (handler.CustomIdPrefix, Guard(handler.CustomIdPrefix, interaction, () => handler.HandleAsync(context, argument, cancellationToken)));
        }

        var command = router.FindCommand(interaction);
        return command is null
            ? ("unknown", Task.FromResult(InteractionReply.Ephemeral("I don't know that command any more; Discord may still be showing an old list. Try again in a minute.")))
            : (command.Definition.Name, Guard(command.Definition.Name, interaction, () => command.ExecuteAsync(context, cancellationToken)));
    }

    private async Task<InteractionReply> Guard(string name, Interaction interaction, Func<Task<InteractionReply>> handler)
    {
        try
        {
            await Task.Yield();
            return await handler();
        }
        catch (Exception exception)
        {
            var reference = ErrorReference.New();
            logger.LogError(exception, "Interaction {InteractionId} ({CommandName}) failed; error ref {ErrorRef}", interaction.Id, name, reference);
            return InteractionReply.Ephemeral($"Something went wrong (ref {reference}). It has been logged; please try again later.");
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
