using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>
/// Answers an interaction that came over the gateway: decides the initial response
/// (<see cref="InitialResponses"/>), sends it as the callback (<see cref="InitialResponseSender"/>) and,
/// after a defer, hands the handler's answer to <see cref="LateReplies"/>. Handlers never talk to
/// Discord themselves.
/// </summary>
public sealed class InteractionResponder(InitialResponses responses, InitialResponseSender sender, LateReplies late)
{
    /// <summary>Completes when every answer already under way has been delivered (or given up because the bot is stopping).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(sender.WhenIdleAsync(), late.WhenIdleAsync());

    public async Task RespondAsync(Interaction interaction, long receivedTimestamp, CancellationToken cancellationToken)
    {
        if (await responses.DecideAsync(interaction, receivedTimestamp, cancellationToken) is not { } response)
        {
            return;
        }

        if (response.Pending is not { } pending)
        {
            await sender.SendUntilWrittenAsync(interaction, response, receivedTimestamp, cancellationToken);
            return;
        }

        if (await sender.SendAndConfirmAsync(interaction, response, receivedTimestamp, cancellationToken))
        {
            late.Deliver(interaction, response.Name, pending, cancellationToken);
            return;
        }

        // The defer was refused, so the answer is never sent: what it borrowed goes back once it is there.
        _ = pending.ContinueWith(static done => done.Result.Release(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
