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
        var deadline = DateTime.UtcNow + Guard;
        while (!restarted.Task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the loop was not restarted");
            time.Advance(SupervisedLoop.RestartDelay);
            await Task.Delay(10);
        }

        var error = Assert.Single(logger.Collector.GetSnapshot(), l => l.Level == LogLevel.Error);
        Assert.Contains("the inbox folder vanished", error.Message, StringComparison.Ordinal);
        Assert.Contains("restarting", error.Message, StringComparison.Ordinal);
        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RunAsync_LoopReturnsByItself_IsNotRestarted()
    {
        var calls = 0;

        await SupervisedLoop.RunAsync("feed polling", _ => Task.FromResult(Interlocked.Increment(ref calls)), new FakeTimeProvider(), new FakeLogger(), CancellationToken.None)
            .WaitAsync(Guard);

        Assert.Equal(1, calls);
    }
}
