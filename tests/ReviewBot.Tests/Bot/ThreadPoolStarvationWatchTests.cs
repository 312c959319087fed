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
    [Fact]
    public async Task EveryThreadBlocked_TheNextWorkItemsStartWithinASecond_AndWhatItAddedGoesBackOnStop()
    {
        using var watch = new ThreadPoolStarvationWatch(NullLogger<ThreadPoolStarvationWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);
        using var unblock = new ManualResetEventSlim();
        var blocking = Math.Max(8, ThreadPool.ThreadCount + 4);
        using var allBlocked = new CountdownEvent(blocking);
        try
        {
            QueueBlocking(allBlocked, unblock);
            Assert.True(await OffThePoolAsync(() => allBlocked.Wait(BotHost.Timeout)), "the blocking items never all started");

            // More work that blocks too, as the next requests would: each needs a thread of its own.
            const int later = 4;
            using var started = new CountdownEvent(later);
            var clock = Stopwatch.StartNew();
            QueueBlocking(started, unblock);
            Assert.True(await OffThePoolAsync(() => started.Wait(BotHost.Timeout)), "the later items never all started");
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }
        finally
        {
            unblock.Set();
            await watch.StopAsync(CancellationToken.None);
        }

        // What it added is given back (the minimum itself is shared with whatever else in the process holds threads).
        Assert.Equal(0, watch.ThreadsAdded);
    }

    [Fact]
    public async Task EveryThreadBusyComputing_AddsNoThreads()
    {
        // Work queued behind threads that are all computing (start-up's compiling, a burst) is not held
        // up by anything more threads would free: they would only share the same cores.
        using var watch = new ThreadPoolStarvationWatch(NullLogger<ThreadPoolStarvationWatch>.Instance);
        await watch.StartAsync(CancellationToken.None);
        var busy = ThreadPool.ThreadCount + 4;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 4;
        using var done = new CountdownEvent(busy);
        try
        {
            for (var i = 0; i < busy; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(100);
                    }

                    done.Signal();
                }, null);
            }

            Assert.True(await OffThePoolAsync(() => done.Wait(BotHost.Timeout)), "the busy items never all ended");
            Assert.Equal(0, watch.ThreadsAdded);
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
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
