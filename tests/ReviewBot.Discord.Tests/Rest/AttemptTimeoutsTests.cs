using Microsoft.Extensions.Time.Testing;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>The per-attempt time limits are reused only when nothing of the last attempt can reach them.</summary>
public sealed class AttemptTimeoutsTests
{
    [Fact]
    public async Task Start_AfterAnAttemptThatEndedInTime_ReusesTheSource_WhichStillEndsTheNextAttemptOnTime()
    {
        var timeouts = new AttemptTimeouts(TimeProvider.System);
        var first = timeouts.Start(TimeSpan.FromMinutes(5));
        timeouts.Return(first);

        var second = timeouts.Start(TimeSpan.FromMilliseconds(50));

        Assert.Same(first, second);
        Assert.False(second.IsCancellationRequested);
        await Task.Delay(Timeout.Infinite, second.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(second.IsCancellationRequested);
    }

    [Fact]
    public void Return_DropsWhatTheLastAttemptLeftRegistered()
    {
        var timeouts = new AttemptTimeouts(TimeProvider.System);
        var source = timeouts.Start(TimeSpan.FromMinutes(5));
        var calledBack = false;
        source.Token.Register(() => calledBack = true);
        timeouts.Return(source);

        var reused = timeouts.Start(TimeSpan.FromMinutes(5));
        reused.Cancel();

        Assert.Same(source, reused);
        Assert.False(calledBack);
    }

    [Fact]
    public async Task Return_OfASourceThatTimedOutOrWasCancelled_IsNeverReused()
    {
        var timeouts = new AttemptTimeouts(TimeProvider.System);
        var timedOut = timeouts.Start(TimeSpan.FromMilliseconds(1));
        await Task.Delay(Timeout.Infinite, timedOut.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        timeouts.Return(timedOut);
        var cancelled = timeouts.Start(TimeSpan.FromMinutes(5));
        Assert.NotSame(timedOut, cancelled);
        cancelled.Cancel();
        timeouts.Return(cancelled);

        var next = timeouts.Start(TimeSpan.FromMinutes(5));

        Assert.NotSame(timedOut, next);
        Assert.NotSame(cancelled, next);
        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public void Start_UnderATimeProviderOfItsOwn_EndsOnThatClock_AndIsNeverReused()
    {
        var time = new FakeTimeProvider();
        var timeouts = new AttemptTimeouts(time);
        var first = timeouts.Start(TimeSpan.FromSeconds(30));
        timeouts.Return(first);

        var second = timeouts.Start(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(second.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.NotSame(first, second);
        Assert.True(second.IsCancellationRequested);
    }
}
