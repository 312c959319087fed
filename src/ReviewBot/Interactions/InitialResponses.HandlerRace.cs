using System.Threading.Tasks.Sources;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

public sealed partial class InitialResponses
{
    /// <summary>
    /// One command's handler against its deadline: whichever comes first decides the initial response.
    /// Armed before the handler starts, on the thread that then runs it; the deadline's timer (and a
    /// stop of the bot) fires on the thread pool and sends the defer from there, so a handler that
    /// blocks its thread is still deferred on time, with no hand-over to another thread before it runs.
    /// The deciding side awaits it (true: the handler answered first; false: the defer has been sent)
    /// and then disarms it; the timer and the stop's registration are touched by that side only.
    /// </summary>
    private sealed class HandlerRace(
        InitialResponses owner,
        Interaction interaction,
        string name,
        string kind,
        IInitialResponseTarget target,
        object? state,
        long receivedTimestamp,
        CancellationToken cancellationToken) : IValueTaskSource<bool>
    {
        private const int Running = 0;  // the handler has not returned yet
        private const int Waiting = 1;  // it returned unfinished work, watched here
        private const int Answered = 2; // its answer came first
        private const int Deferred = 3; // the deadline or a stop came first, and the defer is on its way

        private ManualResetValueTaskSourceCore<bool> _outcome;
        private ITimer? _timer;
        private CancellationTokenRegistration _stopping;
        private Task<InteractionReply>? _work;
        private TaskCompletionSource<InteractionReply>? _late;
        private int _phase;
        private int _expired;

        /// <summary>
        /// Starts the deadline and listens for a stop. With no time left (the interaction waited that long
        /// for a slot), the defer is sent at once, before the handler runs.
        /// </summary>
        public void Arm(DeferTiming timing)
        {
            var left = timing.Left(receivedTimestamp);
            if (left <= TimeSpan.Zero)
            {
                Expire();
                return;
            }

            _timer = timing.StartTimer(static race => ((HandlerRace)race!).Expire(), this, left);
            _stopping = cancellationToken.UnsafeRegister(static race => ((HandlerRace)race!).Expire(), this);
        }

        /// <summary>The handler has returned <paramref name="work"/>: true at once if it is finished in time, else when the race is decided.</summary>
        public ValueTask<bool> HandlerReturned(Task<InteractionReply> work)
        {
            if (work.IsCompleted && Interlocked.CompareExchange(ref _phase, Answered, Running) == Running)
            {
                return new ValueTask<bool>(true);
            }

            // Published before the phase, for a deadline that sees the handler waiting.
            _work = work;
            if (Interlocked.CompareExchange(ref _phase, Waiting, Running) == Running)
            {
                work.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(WorkDone);
            }
            else
            {
                // Deferred while the handler ran on this thread: the defer went out carrying a stand-in, which now follows the work.
                work.ContinueWith(static (done, late) => ((TaskCompletionSource<InteractionReply>)late!).TrySetFromTask(done), _late, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return new ValueTask<bool>(this, _outcome.Version);
        }

        /// <summary>Stops the timer and the stop's registration: done, by the side that awaited the race, once it is decided.</summary>
        public void Disarm()
        {
            _timer?.Dispose();
            _stopping.Unregister();
        }

        private void WorkDone()
        {
            if (Interlocked.CompareExchange(ref _phase, Answered, Waiting) == Waiting)
            {
                _outcome.SetResult(true);
            }
        }

        /// <summary>The deadline or a stop: sends the defer unless the handler answered first.</summary>
        private void Expire()
        {
            // The timer and a stop may both come; the first decides, so the stand-in below is written once.
            if (Interlocked.Exchange(ref _expired, 1) != 0)
            {
                return;
            }

            var phase = Volatile.Read(ref _phase);
            if (phase == Running)
            {
                // The handler is still on its thread and has no task to hand over yet: the defer carries a stand-in for it.
                var late = new TaskCompletionSource<InteractionReply>();
                _late = late;
                if (Interlocked.CompareExchange(ref _phase, Deferred, Running) == Running)
                {
                    _ = SendDeferAsync(late.Task);
                    return;
                }

                phase = Volatile.Read(ref _phase);
            }

            if (phase == Waiting && Interlocked.CompareExchange(ref _phase, Deferred, Waiting) == Waiting)
            {
                _ = SendDeferAsync(_work!);
            }
        }

        /// <summary>Never throws: how the send ended is the race's outcome, for the deciding side to see.</summary>
        private async Task SendDeferAsync(Task<InteractionReply> pending)
        {
            try
            {
                // Slow (a cold database, a long guide, a blocked thread): acknowledge now.
                owner.LogDeferring(name, interaction);
                await target.SendAsync(interaction, Defer(interaction, name, kind, pending), receivedTimestamp, state, cancellationToken);
                _outcome.SetResult(false);
            }
            catch (Exception exception)
            {
                _outcome.SetException(exception);
            }
        }

        public bool GetResult(short token) => _outcome.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _outcome.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _outcome.OnCompleted(continuation, state, token, flags);
    }
}
