using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

public sealed partial class InitialResponses
{
    /// <summary>
    /// An autocomplete handler against its deadline. Suggestions have no defer and Discord drops them
    /// after 3 s, so at the deadline the answer is an empty list, sent from the timer's thread (the
    /// handler may block the one it runs on), and the handler's own list, when it comes, is dropped.
    /// Sending it there also frees the handler's gateway slot (the responder lets it go once an initial
    /// response is out): held until a slow handler ended, a few of them, one per keystroke, took every
    /// slot and left the commands behind them unanswered.
    /// </summary>
    private sealed class AutocompleteDeadline(
        InitialResponses owner,
        Interaction interaction,
        string name,
        IInitialResponseTarget target,
        object? state,
        long receivedTimestamp,
        CancellationToken cancellationToken)
    {
        private readonly TaskCompletionSource _emptySent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ITimer? _timer;
        private int _decided;

        /// <summary>Starts the deadline; with no time left (the interaction waited that long for a slot), answers at once.</summary>
        public void Arm(DeferTiming timing)
        {
            var left = timing.Left(receivedTimestamp);
            if (left <= TimeSpan.Zero)
            {
                Expire();
                return;
            }

            _timer = timing.StartTimer(static deadline => ((AutocompleteDeadline)deadline!).Expire(), this, left);
        }

        /// <summary>
        /// The handler has returned: true when its suggestions are the answer; false when the empty list
        /// went out at the deadline, awaited here first, so the caller (the HTTP exchange) is touched
        /// again only after that send is over.
        /// </summary>
        public async ValueTask<bool> HandlerReturnedAsync()
        {
            _timer?.Dispose();
            if (Interlocked.Exchange(ref _decided, 1) == 0)
            {
                return true;
            }

            await _emptySent.Task;
            return false;
        }

        private void Expire()
        {
            if (Interlocked.Exchange(ref _decided, 1) == 0)
            {
                _ = SendEmptyAsync();
            }
        }

        /// <summary>Never throws: how the send ended is for the handler's side to see.</summary>
        private async Task SendEmptyAsync()
        {
            try
            {
                owner.LogAutocompleteTooSlow(name, interaction);
                await target.SendAsync(interaction, Suggestions(name, []), receivedTimestamp, state, cancellationToken);
                _emptySent.SetResult();
            }
            catch (Exception exception)
            {
                _emptySent.SetException(exception);
            }
        }
    }
}
