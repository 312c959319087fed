using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Bot;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.Tests.Interactions;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// Work that blocks every thread of the pool, whatever it is (here plain work items, as a background
/// loop waiting for SQLite's write lock would be): the next items still start at once. Timed on the
/// process's one pool, so with the other tests that block it, after the tests that run in parallel.
/// </summary>
[Collection(BlockingHandlerTests.Name)]
public sealed class ThreadPoolStarvationWatchTests
{
    private static readonly TimeSpan Elapsed = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task EveryThreadBlocked_TheNextWorkItemsStartAtOnce_AndTheMinimumGoesBackOnStop()
    {
        ThreadPool.GetMinThreads(out var minimumBefore, out _);
        var watch = new ThreadPoolStarvationWatch(NullLogger<ThreadPoolStarvationWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);

        // Not disposed: should a wait below time out, the items still queued would use them later.
        var unblock = new ManualResetEventSlim();
        try
        {
            // More items than the pool has threads or may start at once, so every thread is held.
            var allBlocked = new CountdownEvent(Math.Max(ThreadPool.ThreadCount, minimumBefore) + 4);
            QueueBlocking(allBlocked, unblock);
            Assert.True(await OffThePoolAsync(() => allBlocked.Wait(BotHost.Timeout)), "the blocking items never all started");

            // More work that blocks too, as the next requests would: each needs a thread of its own.
            var started = new CountdownEvent(4);
            var clock = Stopwatch.StartNew();
            QueueBlocking(started, unblock);
            Assert.True(await OffThePoolAsync(() => started.Wait(BotHost.Timeout)), "the later items never all started");

            // A look or two of the watch; the pool on its own starts about one thread a second.
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        }
        finally
        {
            unblock.Set();
            await watch.StopAsync(CancellationToken.None);
        }

        // What it raised is given back (others in the process may lower it meanwhile, never raise it for good).
        ThreadPool.GetMinThreads(out var minimumAfter, out _);
        Assert.InRange(minimumAfter, 1, minimumBefore);
        Assert.Equal(0, watch.ThreadsAdded);
    }

    [Fact]
    public async Task MoreThreadsHeldThanOneLookAdds_EveryItemStillStartsWithinSeconds()
    {
        // Past the most one look adds, each look adds again from the threads the pool has by then.
        var watch = new ThreadPoolStarvationWatch(NullLogger<ThreadPoolStarvationWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);
        var unblock = new ManualResetEventSlim();
        try
        {
            ThreadPool.GetMinThreads(out var minimum, out _);
            var allBlocked = new CountdownEvent(Math.Max(ThreadPool.ThreadCount, minimum) + 2 * ThreadPoolStarvationWatch.MaxAddedAtOnce);
            var clock = Stopwatch.StartNew();
            QueueBlocking(allBlocked, unblock);

            Assert.True(await OffThePoolAsync(() => allBlocked.Wait(BotHost.Timeout)), $"{allBlocked.CurrentCount} of {allBlocked.InitialCount} blocking items never started");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        }
        finally
        {
            unblock.Set();
            await watch.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void WorkThatWaitedWhileTheProcessIdled_IsStalled()
    {
        // Five items waited at the last look, none ran since, and the process used no CPU: its threads are held.
        Assert.True(ThreadPoolStarvationWatch.IsStalled(waitingBefore: 5, completedSince: 0, waitingNow: 7, cpuUsed: TimeSpan.Zero, elapsed: Elapsed, processors: 2));

        // One of two cores computing while the rest of the threads are held still leaves work waiting.
        Assert.True(ThreadPoolStarvationWatch.IsStalled(5, 2, 7, Elapsed, Elapsed, processors: 2));
    }

    [Theory]
    [InlineData(5, 5, 3, 0)] // as many ran as were waiting: the pool keeps up
    [InlineData(5, 0, 0, 0)] // nothing waits now
    [InlineData(0, 0, 7, 0)] // nothing waited at the last look: this work is new
    [InlineData(5, 0, 7, 200)] // every core computed the whole interval: the threads are working, not held
    [InlineData(5, 0, 7, 160)] // less than half a core left idle
    public void WorkThatRanOrWasNewOrWaitedBehindComputingThreads_IsNotStalled(long waitingBefore, long completedSince, long waitingNow, int cpuMilliseconds)
    {
        Assert.False(ThreadPoolStarvationWatch.IsStalled(waitingBefore, completedSince, waitingNow, TimeSpan.FromMilliseconds(cpuMilliseconds), Elapsed, processors: 2));
    }

    /// <summary>Queues one work item per count of <paramref name="started"/>, each signalling it and then blocking its thread until <paramref name="unblock"/>.</summary>
    private static void QueueBlocking(CountdownEvent started, ManualResetEventSlim unblock)
    {
        for (var i = 0; i < started.InitialCount; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                started.Signal();
                unblock.Wait(BotHost.Timeout);
            }, null);
        }
    }

    /// <summary>Waits on a thread of its own: the pool's are what the tests hold.</summary>
    private static Task<bool> OffThePoolAsync(Func<bool> wait) => Task.Factory.StartNew(wait, TaskCreationOptions.LongRunning);
}
