using System.Runtime.CompilerServices;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>
/// Answers an interaction that came over the gateway: has the initial response decided
/// (<see cref="InitialResponses"/>), sends it as the callback (<see cref="InitialResponseSender"/>) and,
/// after a defer, hands the handler's answer to <see cref="LateReplies"/>. Handlers never talk to
/// Discord themselves.
/// </summary>
public sealed class InteractionResponder(InitialResponses responses, InitialResponseSender sender, LateReplies late) : IInitialResponseTarget
{
    /// <summary>Completes when every answer already under way has been delivered (or given up because the bot is stopping).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(sender.WhenIdleAsync(), late.WhenIdleAsync());

    /// <param name="slot">The gateway dispatcher's slot this runs in, if any: let go once a defer is out (see the send below).</param>
    public Task RespondAsync(Interaction interaction, long receivedTimestamp, GatewayHandlerSlot? slot, CancellationToken cancellationToken) =>
        responses.AnswerAsync(interaction, receivedTimestamp, this, slot, cancellationToken).AsTask();

    /// <summary>The callback request; after a defer Discord accepted, the handler's answer goes on to <see cref="LateReplies"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    async ValueTask IInitialResponseTarget.SendAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, object? state, CancellationToken cancellationToken)
    {
        if (response.Pending is not { } pending)
        {
            await sender.SendUntilWrittenAsync(interaction, response, receivedTimestamp, cancellationToken);

            // Answered: the slot can take the next interaction, even while a handler whose suggestions
            // came too late (the empty list went out from the deadline's timer) still runs or blocks.
            (state as GatewayHandlerSlot)?.LetGo();
            return;
        }

        var confirmed = await sender.SendAndConfirmAsync(interaction, response, receivedTimestamp, cancellationToken);

        // The interaction is acknowledged: its slot can take the next one, even while this handler
        // still blocks the thread it runs on (the defer went out from the deadline's timer).
        (state as GatewayHandlerSlot)?.LetGo();
        if (confirmed)
        {
            late.Deliver(interaction, response.Name, pending, cancellationToken);
            return;
        }

        // The defer was refused, so the answer is never sent: what it borrowed goes back once it is there.
        _ = pending.ContinueWith(static done => done.Result.Release(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
