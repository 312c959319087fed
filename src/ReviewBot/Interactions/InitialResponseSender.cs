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
        callback.Sending = sending;
        await callback.Task; // written, or the send ended first

        // Tracked before it is let go, so that the send, ending at once, cannot be forgotten before it was tracked.
        _answers.Add(sending);
        if (callback.TryLetGo())
        {
            return; // the answer is awaited by the send itself, which forgets it when it ends
        }

        _answers.Remove(sending);
        await sending; // failed or answered before it was written: nothing left to wait for
    }

    /// <summary>Sends a defer and waits for Discord's answer: the late reply may only follow an accepted defer. False if refused.</summary>
    public Task<bool> SendAndConfirmAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, CancellationToken cancellationToken) =>
        SendAsync(interaction, response, new PendingCallback(metrics, response, receivedTimestamp), cancellationToken);

    /// <summary>
    /// The callback request and Discord's answer, in one method rather than one per step: every
    /// interaction runs it. A refusal is logged and false (<see cref="InteractionErrors.IsRefusal"/>);
    /// a stop while the answer is on its way back ends it quietly once its caller has let it go.
    /// </summary>
    private async Task<bool> SendAsync(Interaction interaction, InitialResponse response, PendingCallback callback, CancellationToken cancellationToken)
    {
        try
        {
            using var watching = writes.Watch(interaction.Id, callback);
            await (response switch
            {
                { Autocomplete: { } autocomplete } => rest.RespondWithAutocompleteAsync(interaction, autocomplete.Data.Choices, cancellationToken),
                { Body: { } body } => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, body, cancellationToken),
                _ => rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response.Message!, cancellationToken),
            });
            return true;
        }
        catch (Exception exception) when (errors.IsRefusal(exception, interaction, response.Name))
        {
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !callback.TryEndHeld())
        {
            // The bot is stopping while the answer is on its way back; its caller has returned long ago.
            return false;
        }
        finally
        {
            // The request is over, retries included, and this reply is sent once: what its files were read from can go back.
            response.Reply?.Release();
            if (callback.End())
            {
                _answers.Remove(callback.Sending!);
            }
        }
    }

    /// <summary>
    /// One callback on its way: the first time its request is written it records the bot's latency
    /// (a resent request is the same response, measured once) and completes, so the sender can return;
    /// it completes too when the send ends unwritten. Whether the sender still holds the send (and
    /// will await it) or has let it go (and tracks it) is decided once, by whichever comes first.
    /// One object per interaction for what would otherwise be closures, a completion source and a
    /// task per step.
    /// </summary>
    private sealed class PendingCallback(InteractionMetrics metrics, InitialResponse response, long receivedTimestamp)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), ICallbackWritten
    {
        private const int Held = 0;
        private const int LetGo = 1;
        private const int Ended = 2;

        private int _recorded;
        private int _state;

        /// <summary>The send, once started; read only after it was let go.</summary>
        public Task<bool>? Sending { get; set; }

        public void Written()
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                metrics.RecordInitialResponse(receivedTimestamp, response.Name, response.InteractionKind, response.KindTag);
            }

            TrySetResult();
        }

        /// <summary>The sender returns without awaiting the send; false if the send has ended already (then the sender awaits it).</summary>
        public bool TryLetGo() => Interlocked.CompareExchange(ref _state, LetGo, Held) == Held;

        /// <summary>The send ends while its sender still holds it (which then sees how it ended); false if it was let go.</summary>
        public bool TryEndHeld() => Interlocked.CompareExchange(ref _state, Ended, Held) is Held or Ended;

        /// <summary>The send has ended: wakes a sender still waiting; true if it had been let go (and so is tracked).</summary>
        public bool End()
        {
            var wasLetGo = Interlocked.CompareExchange(ref _state, Ended, Held) == LetGo;
            TrySetResult();
            return wasLetGo;
        }
    }
}
