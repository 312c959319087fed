using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Interactions;

/// <summary>
/// What goes wrong, turned into what the user sees and what the log keeps: a handler's exception
/// becomes an ephemeral "something went wrong" with a reference, an unknown command or expired
/// component gets its own short answer, and Discord refusing a response is logged, never thrown.
/// </summary>
public sealed class InteractionErrors(InteractionMetrics metrics, ILogger<InteractionErrors> logger)
{
    public static InteractionReply ExpiredComponent { get; } =
        Fixed("This button or menu has expired. Run the command again.");

    public static InteractionReply ExpiredModal { get; } =
        Fixed("This form has expired. Run the command again.");

    public static InteractionReply UnknownCommand { get; } =
        Fixed("I don't know that command any more; Discord may still be showing an old list. Try again in a minute.");

    /// <summary>
    /// A fixed answer with its callback body serialised once: every interaction that gets it sends the
    /// same bytes. Commands and components alike send a reply as a new message (callback 4).
    /// </summary>
    private static InteractionReply Fixed(string text)
    {
        var reply = InteractionReply.Ephemeral(text);
        return reply with { Prepared = reply.Prepare(InteractionCallbackType.ChannelMessageWithSource) };
    }

    /// <summary>
    /// Runs a handler; the task never faults: an unexpected exception becomes the "something went wrong"
    /// reply. Only a stop of the bot cancels it.
    /// </summary>
    public Task<InteractionReply> GuardAsync(string name, Interaction interaction, Func<Task<InteractionReply>> handler, CancellationToken cancellationToken) =>
        GuardAsync(name, interaction, handler, static (run, _) => run(), cancellationToken);

    /// <summary>The same with the handler's state passed in, so a static lambda can run it without a closure per interaction.</summary>
    public async Task<InteractionReply> GuardAsync<TState>(
        string name, Interaction interaction, TState state, Func<TState, CancellationToken, Task<InteractionReply>> handler, CancellationToken cancellationToken)
    {
        try
        {
            // On the caller's thread, with no hand-over first: the caller arms its deadline before this
            // and sends the defer from the timer's thread if the handler blocks this one
            // (InitialResponses). An exception thrown before the handler's first await lands here too.
            return await handler(state, cancellationToken);
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

    /// <summary>No error text fits in a suggestion list: a failed autocomplete answers with none (never leave it hanging).</summary>
    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> GuardAutocompleteAsync(
        string name, Interaction interaction, Func<Task<IReadOnlyList<ApplicationCommandOptionChoice>>> handler, CancellationToken cancellationToken)
    {
        try
        {
            return await handler();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Autocomplete for {CommandName} failed on interaction {InteractionId}", name, interaction.Id);
            return [];
        }
    }

    /// <summary>Sends one request to Discord; a refusal is logged (with the route template, never the token) and reported as false.</summary>
    public Task<bool> TrySendAsync(Interaction interaction, string name, Func<Task> send) => TrySendAsync(interaction, name, send());

    /// <summary>The same for a request already started.</summary>
    public async Task<bool> TrySendAsync(Interaction interaction, string name, Task sending)
    {
        try
        {
            await sending;
            return true;
        }
        catch (Exception exception) when (IsRefusal(exception, interaction, name))
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is Discord refusing a request or out of reach, logged here if
    /// it is: what <see cref="TrySendAsync(Interaction, string, Task)"/> turns into false, for a caller
    /// that awaits the request itself.
    /// </summary>
    public bool IsRefusal(Exception exception, Interaction interaction, string name)
    {
        switch (exception)
        {
            case DiscordRestException:
                logger.LogWarning(exception, "Discord refused the response to {CommandName} on interaction {InteractionId}", name, interaction.Id);
                return true;
            case HttpRequestException:
                logger.LogWarning(exception, "Could not reach Discord to answer {CommandName} on interaction {InteractionId}", name, interaction.Id);
                return true;
            default:
                return false;
        }
    }
}
