using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Threading;

namespace ReviewBot.Bot;

/// <summary>
/// Lets the thread pool start threads at once when work waits behind threads that are held, not
/// working. Whatever blocks pool threads (a handler over HTTP, which runs on its request's thread; a
/// background loop waiting for SQLite's write lock), once every thread is held the deadline timers
/// that send the defers, the next requests and Discord's answers all wait in the pool's queue, and the
/// pool's own remedy adds about one thread a second. The gateway's dispatcher holds a thread per
/// handler before it queues one (<see cref="ThreadPoolReserve.Hold"/>); this covers everything else:
/// every <see cref="Interval"/> it looks whether work waited since its last look while the process
/// left cores idle (<see cref="IsStalled"/>), and if so raises the pool's minimum to the threads it has
/// plus the work waiting (at most <see cref="MaxAddedAtOnce"/> more, and never past
/// <see cref="MaxMinimum"/>), so each waiting item gets a thread now. Once the pool has kept moving for
/// <see cref="CalmBeforeLowering"/>, the minimum goes back; threads the pool no longer needs end by
/// themselves.
/// </summary>
/// <remarks>
/// It looks from a thread of its own and waits on a plain event, not on a timer of the pool (or of
/// <see cref="TimeProvider"/>, whose timers run there): a watch that needs a pool thread to run would
/// stall with the pool it watches. Three readings ten times a second (the pool's completed and queued
/// work, the process's CPU time) cost nothing measurable.
/// </remarks>
public sealed class ThreadPoolStarvationWatch(ILogger<ThreadPoolStarvationWatch> logger) : IHostedService
{
    /// <summary>How often it looks, and so about how long queued work may wait before threads are added.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the pool must keep moving before the minimum this raised goes back.</summary>
    public static readonly TimeSpan CalmBeforeLowering = TimeSpan.FromSeconds(10);

    /// <summary>The most threads one look lets the pool start beyond those it has, however much waits.</summary>
    public const int MaxAddedAtOnce = 64;

    /// <summary>The highest minimum it sets: a process with more threads than this held needs more than threads.</summary>
    public const int MaxMinimum = 512;

    /// <summary>
    /// The cores' time, in cores, the process must have left unused in an interval for its waiting work
    /// to count as held up: with every core computing, more threads would only share the same cores
    /// (and each would stay resident until it retires).
    /// </summary>
    public const double IdleCores = 0.5;

    /// <summary>How long stopping waits for the watch's thread, which finishes its look and gives back what it added.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);

    // Never disposed: the watch's thread may still be waiting on it when the host lets go of this, and it
    // holds no handle of the system's unless its WaitHandle is asked for.
    private readonly ManualResetEventSlim _stopping = new();
    private Thread? _watcher;
    private int _added;

    /// <summary>By how many threads this has raised the pool's minimum now (0 once the pool has kept moving, and after stop).</summary>
    public int ThreadsAdded => Volatile.Read(ref _added);

    /// <summary>
    /// Work that was waiting at the last look has not all run since, and the process left at least
    /// <see cref="IdleCores"/> of its cores unused meanwhile: its threads are held, not working.
    /// </summary>
    public static bool IsStalled(long waitingBefore, long completedSince, long waitingNow, TimeSpan cpuUsed, TimeSpan elapsed, int processors) =>
        waitingNow > 0 && completedSince < waitingBefore && cpuUsed < elapsed * (processors - IdleCores);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = new Thread(Watch) { IsBackground = true, Name = "ReviewBot thread pool watch" };
        _watcher.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Set();
        _watcher?.Join(StopWait);
        return Task.CompletedTask;
    }

    private void Watch()
    {
        var completed = ThreadPool.CompletedWorkItemCount;
        var waiting = 0L;
        var cpu = Environment.CpuUsage.TotalTime;
        var looked = Stopwatch.GetTimestamp();
        var calm = TimeSpan.Zero;
        while (!_stopping.Wait(Interval))
        {
            try
            {
                var completedNow = ThreadPool.CompletedWorkItemCount;
                var waitingNow = ThreadPool.PendingWorkItemCount;
                var cpuNow = Environment.CpuUsage.TotalTime;
                var elapsed = Stopwatch.GetElapsedTime(looked);
                looked = Stopwatch.GetTimestamp();
                var stalled = IsStalled(waiting, completedNow - completed, waitingNow, cpuNow - cpu, elapsed, Environment.ProcessorCount);
                (completed, waiting, cpu) = (completedNow, waitingNow, cpuNow);
                if (stalled)
                {
                    calm = TimeSpan.Zero;
                    Add(waitingNow);
                }
                else if (_added > 0 && (calm += elapsed) >= CalmBeforeLowering)
                {
                    logger.LogInformation("The thread pool has kept moving for {Calm}; its minimum goes back down by the {Added} threads added", CalmBeforeLowering, _added);
                    Lower();
                }
            }
            catch (Exception exception)
            {
                // An exception on a thread of its own would end the process; a look that failed only
                // leaves the pool to its own rule until the next.
                logger.LogError(exception, "The thread pool watch failed to look at the pool");
            }
        }

        Lower();
    }

    private void Add(long waiting)
    {
        var threads = ThreadPool.ThreadCount;
        var wanted = (int)Math.Min(threads + Math.Min(waiting, MaxAddedAtOnce), MaxMinimum);
        var added = ThreadPoolReserve.RaiseTo(wanted);
        if (added == 0)
        {
            return;
        }

        // Warning the first time in an episode: something holds the pool's threads (a statement waiting
        // for a lock, a slow disk), and the operator should know even when no interaction was late.
        var level = _added == 0 ? LogLevel.Warning : LogLevel.Debug;
        Volatile.Write(ref _added, _added + added);
        logger.Log(level, "The thread pool's work waited {Interval} with {Waiting} items queued and {Threads} threads held: its minimum rises to {Minimum} so it may start threads at once ({Added} added in all)",
            Interval, waiting, threads, wanted, _added);
    }

    private void Lower()
    {
        if (_added > 0)
        {
            ThreadPoolReserve.Lower(_added);
            Volatile.Write(ref _added, 0);
        }
    }
}
