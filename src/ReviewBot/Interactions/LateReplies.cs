using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Interactions;

/// <summary>
/// Delivers a deferred handler's answer over the interaction's webhook: an edit of the deferred
/// response, a follow-up after a component, or, for an ephemeral answer after a public defer, the
/// "thinking…" removed and the answer sent as an ephemeral follow-up. Runs on its own, tracked so a
/// stop waits for it.
/// </summary>
public sealed class LateReplies(DiscordRestClient rest, InteractionErrors errors, ILogger<LateReplies> logger)
{
    private readonly TrackedTasks _late = new();

    /// <summary>Completes when every deferred answer has been delivered (or given up because the bot is stopping).</summary>
    public Task WhenIdleAsync() => _late.WhenAllAsync();

    /// <summary>
    /// Delivers <paramref name="pending"/> once it completes. The caller does not wait: the gateway runs
    /// only a few interaction handlers at once (Gateway:MaxConcurrentHandlers), and a few slow answers
    /// holding those slots would leave newer interactions unacknowledged past 3 s.
    /// </summary>
    public void Deliver(Interaction interaction, string name, Task<InteractionReply> pending, CancellationToken cancellationToken) =>
        _late.Track(FinishAsync(interaction, name, pending, cancellationToken));

    /// <summary>Waits for a deferred handler and delivers its answer; never throws (a stop cancels it quietly).</summary>
    private async Task FinishAsync(Interaction interaction, string name, Task<InteractionReply> pending, CancellationToken cancellationToken)
    {
        InteractionReply late;
        try
        {
            late = await pending;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // the bot is stopping
        }

        try
        {
            await errors.TrySendAsync(interaction, name, () => SendAsync(interaction, late, cancellationToken));
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
        finally
        {
            // Every request that carried it is over.
            late.Release();
        }
    }

    private async Task SendAsync(Interaction interaction, InteractionReply late, CancellationToken cancellationToken)
    {
        if (interaction.Type == InteractionType.MessageComponent && late.Kind == ReplyKind.NewMessage)
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
            // A deferred reply's visibility was fixed by the defer; edits carry no ephemeral flag.
            await rest.EditOriginalResponseAsync(interaction, late.Message with { Flags = null }, cancellationToken);
        }
    }

    /// <summary>
    /// The defer was public and its visibility cannot change, but errors and "which show?" are for
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
}
