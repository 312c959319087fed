using FakeDiscord.Rest;

namespace FakeDiscord;

/// <summary>
/// Answer delays: the fake acts on a request (creates the message, records the request) and only
/// then waits before answering. That is the window a crash test needs, "Discord did it, the client
/// has not heard yet", which a latency fault (applied before the fake acts) cannot open.
/// </summary>
public sealed partial class FakeDiscordServer
{
    private readonly Lock _answerDelaysLock = new();
    private readonly List<(Func<RecordedRequest, bool> Match, TimeSpan Delay)> _answerDelays = [];

    /// <summary>
    /// Holds the answer to the next request matching <paramref name="predicate"/> for <paramref name="delay"/>
    /// after the fake acted on it. The hold ends early when the client goes away. The predicate sees each
    /// recorded request once, in arrival order, until it matches.
    /// </summary>
    public void DelayAnswer(Func<RecordedRequest, bool> predicate, TimeSpan delay)
    {
        lock (_answerDelaysLock)
        {
            _answerDelays.Add((predicate, delay));
        }
    }

    private readonly List<(Func<RecordedRequest, bool> Match, TaskCompletionSource Opened)> _answerGates = [];

    /// <summary>
    /// Holds the answer to every request matching <paramref name="predicate"/>, after the fake acted on
    /// it, until the returned gate is opened (requests arriving after that pass at once). Unlike
    /// <see cref="DelayAnswer"/> nothing here depends on a clock, so a test can keep several requests in
    /// flight together for as long as it needs and then let them all go.
    /// </summary>
    public AnswerGate HoldAnswers(Func<RecordedRequest, bool> predicate)
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_answerDelaysLock)
        {
            _answerGates.Add((predicate, opened));
        }

        return new AnswerGate(opened);
    }

    private readonly List<(Func<RecordedRequest, bool> Match, int Status)> _lostAnswers = [];

    /// <summary>
    /// The next request matching <paramref name="predicate"/> is acted on, then answered with
    /// <paramref name="status"/> instead of its result: a proxy in front of the API that gave up
    /// (502, 504) after the API did the work.
    /// </summary>
    public void AnswerWithServerErrorAfterActing(Func<RecordedRequest, bool> predicate, int status = 504)
    {
        lock (_answerDelaysLock)
        {
            _lostAnswers.Add((predicate, status));
        }
    }

    /// <summary>The error that replaces the answer to <paramref name="request"/>, if a test asked for one.</summary>
    private FakeRestAnswer? LostAnswer(RecordedRequest request)
    {
        lock (_answerDelaysLock)
        {
            var index = _lostAnswers.FindIndex(d => d.Match(request));
            if (index < 0)
            {
                return null;
            }

            var status = _lostAnswers[index].Status;
            _lostAnswers.RemoveAt(index);
            return FakeRestAnswer.Error(status, 0, $"{status}: Gateway Timeout");
        }
    }

    /// <summary>False when the client went away while the answer was held (nothing left to answer).</summary>
    private async Task<bool> HoldAnswerAsync(RecordedRequest request, CancellationToken aborted)
    {
        TimeSpan? delay = null;
        Task[] gates;
        lock (_answerDelaysLock)
        {
            var index = _answerDelays.FindIndex(d => d.Match(request));
            if (index >= 0)
            {
                delay = _answerDelays[index].Delay;
                _answerDelays.RemoveAt(index);
            }

            gates = [.. _answerGates.Where(g => g.Match(request)).Select(g => g.Opened.Task)];
        }

        try
        {
            await Task.WhenAll(gates).WaitAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (delay is not { } wait)
        {
            return true;
        }

        try
        {
            await Task.Delay(wait, Options.RestTimeProvider, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Threads (forum posts) created so far.</summary>
    public int ThreadCount => _messages.ThreadCount;

    /// <summary>Archives every active thread now: what Discord does to a post nobody wrote in for its auto-archive duration.</summary>
    public void ArchiveThreads() => _messages.ArchiveThreads(Options.RestTimeProvider.GetUtcNow());
}

/// <summary>Opens what <see cref="FakeDiscordServer.HoldAnswers"/> holds: the held answers go out, later ones are not held.</summary>
public sealed class AnswerGate(TaskCompletionSource opened)
{
    public void Open() => opened.TrySetResult();
}
