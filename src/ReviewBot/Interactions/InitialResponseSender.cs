using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Interactions;

/// <summary>
/// Delivers an initial response as the interaction's callback request and records the bot's own
/// latency (<see cref="InteractionMetrics"/>) when the request has been written to Discord's
/// connection, which <see cref="InteractionCallbackWrites"/> reports.
/// </summary>
public sealed class InitialResponseSender(
    DiscordRestClient rest,
    InteractionCallbackWrites writes,
    InteractionMetrics metrics,
    InteractionErrors errors)
{
    private readonly TrackedTasks _answers = new();

    /// <summary>Completes when Discord has answered (or refused) every callback already written.</summary>
    public Task WhenIdleAsync() => _answers.WhenAllAsync();

    /// <summary>
    /// Sends a reply or suggestions and returns as soon as the request has been written (or has
    /// failed); waiting for Discord's answer goes on in a tracked task. The gateway runs only a few
    /// interaction handlers at once, and holding one for Discord's round trip would cap the bot's
    /// throughput at a few slots per round trip and queue the rest behind it. Nothing after an
    /// immediate answer depends on Discord's reply: a refusal is only logged.
    /// </summary>
    public async Task SendUntilWrittenAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var callback = new PendingCallback(metrics, response, receivedTimestamp);
        var sending = SendAsync(interaction, response, callback, cancellationToken);
        if (await Task.WhenAny(sending, callback.Task) == sending)
        {
            await sending; // failed or answered before the flush returned: nothing left to wait for
            return;
        }

        _answers.Track(AwaitAnswerAsync(sending, cancellationToken));
    }

    /// <summary>Sends a defer and waits for Discord's answer: the late reply may only follow an accepted defer. False if refused.</summary>
    public Task<bool> SendAndConfirmAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, CancellationToken cancellationToken) =>
        SendAsync(interaction, response, new PendingCallback(metrics, response, receivedTimestamp), cancellationToken);

    private async Task<bool> SendAsync(Interaction interaction, InitialResponse response, PendingCallback callback, CancellationToken cancellationToken)
    {
        try
        {
            using var watching = writes.Watch(interaction.Id, callback.Written);
            return await errors.TrySendAsync(interaction, response.Name, response switch
            {
                { Autocomplete: { } autocomplete } => rest.RespondWithAutocompleteAsync(interaction, autocomplete.Data.Choices, cancellationToken),
                { Body: { } body } => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, body, cancellationToken),
                _ => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response.Message!, cancellationToken),
            });
        }
        finally
        {
            // The request is over, retries included, and this reply is sent once: what its files were read from can go back.
            response.Reply?.Release();
        }
    }

    private static async Task AwaitAnswerAsync(Task<bool> sending, CancellationToken cancellationToken)
    {
        try
        {
            await sending; // refusals are logged by InteractionErrors.TrySendAsync
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bot is stopping while the answer is on its way back.
        }
    }

    /// <summary>
    /// One callback on its way: the first time its request is written it records the bot's latency
    /// (a resent request is the same response, measured once) and completes, so the sender can return.
    /// One object per interaction for what would otherwise be two closures and a completion source.
    /// </summary>
    private sealed class PendingCallback(InteractionMetrics metrics, InitialResponse response, long receivedTimestamp)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        private int _recorded;

        public void Written()
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                metrics.RecordInitialResponse(receivedTimestamp, response.Name, response.InteractionKind, response.KindTag);
            }

            TrySetResult();
        }
    }
}
