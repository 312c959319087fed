using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Sources;

namespace ReviewBot.Tests.Sources;

public sealed class SupervisedLoopTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_LoopThrows_LogsTheReasonAndRestartsAfterTheDelay()
    {
        var time = new FakeTimeProvider();
        var logger = new FakeLogger();
        var calls = 0;
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var run = SupervisedLoop.RunAsync(
            "inbox",
            async token =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("the inbox folder vanished");
                }

                restarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            time,
            logger,
            stop.Token);

        // The restart waits on the fake clock; move it on until the loop has run again.
        await AdvanceUntilAsync(time, restarted.Task, SupervisedLoop.RestartDelay, "the loop was not restarted");

        var error = Assert.Single(logger.Collector.GetSnapshot(), l => l.Level == LogLevel.Error);
        Assert.Contains("the inbox folder vanished", error.Message, StringComparison.Ordinal);
        Assert.Contains("restarting", error.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void AFaultThatPersists_IsRetriedLaterAndLater_UntilARunLastsAWhile()
    {
        // A fault that persists (the inbox folder gone for a day) was retried, and logged, every 30 s.
        var failures = 0;
        var delays = new List<TimeSpan>();
        for (var run = 0; run < 9; run++)
        {
            (failures, var delay) = SupervisedLoop.AfterFailure(failures, TimeSpan.FromSeconds(1));
            delays.Add(delay);
        }

        Assert.Equal([30, 60, 120, 240, 480, 960, 1800, 1800, 1800], delays.Select(d => d.TotalSeconds));
        Assert.Equal(9, failures);

        // A run that lasted the longest delay had recovered: its failure is the first in a row again.
        Assert.Equal((1, SupervisedLoop.RestartDelay), SupervisedLoop.AfterFailure(failures, SupervisedLoop.MaxRestartDelay));
        Assert.Equal((10, SupervisedLoop.MaxRestartDelay), SupervisedLoop.AfterFailure(failures, SupervisedLoop.MaxRestartDelay - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task RunAsync_LoopFailsTwice_WaitsTheLongerDelayTheSecondTime()
    {
        var time = new FakeTimeProvider();
        var logger = new FakeLogger();
        var starts = new List<DateTimeOffset>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var run = SupervisedLoop.RunAsync(
            "inbox",
            async token =>
            {
                lock (starts)
                {
                    starts.Add(time.GetUtcNow());
                    if (starts.Count < 3)
                    {
                        throw new InvalidOperationException("the inbox folder vanished");
                    }
                }

                third.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            time,
            logger,
            stop.Token);

        // The restarts wait on the fake clock; move it on in steps of a second until the loop has started a third time.
        await AdvanceUntilAsync(time, third.Task, TimeSpan.FromSeconds(1), "the loop was not restarted twice");

        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Equal(3, starts.Count);
        // At least the delays (a timer armed a step late only waits longer): 30 s, then 60 s, not 30 s again.
        Assert.True(starts[1] - starts[0] >= SupervisedLoop.RestartDelay, $"restarted after {starts[1] - starts[0]}");
        Assert.True(starts[2] - starts[1] >= SupervisedLoop.RestartDelay * 2, $"restarted again after {starts[2] - starts[1]}");
    }

    [Fact]
    public async Task RunAsync_LoopReturnsByItself_IsNotRestarted()
    {
        var calls = 0;

        await SupervisedLoop.RunAsync("feed polling", _ => Task.FromResult(Interlocked.Increment(ref calls)), new FakeTimeProvider(), new FakeLogger(), CancellationToken.None)
            .WaitAsync(Guard);

        Assert.Equal(1, calls);
    }

    /// <summary>Moves the fake clock on by <paramref name="step"/> until <paramref name="done"/> has completed (within <see cref="Guard"/> of real time).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Task done, TimeSpan step, string failure)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!done.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            time.Advance(step);
            await Task.Delay(5);
        }
    }
}
