using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Threading;

namespace ReviewBot.Bot;

/// <summary>
/// Lets the thread pool start threads at once when its work stops moving. Whatever blocks pool threads
/// (a handler over HTTP, which runs on its request's thread; a background loop waiting for SQLite's
/// write lock), once every thread is held the deadline timers that send the defers, the next requests
/// and Discord's answers all wait in the pool's queue, and the pool's own remedy adds about one thread
/// a second. The gateway's dispatcher holds a thread per handler before it queues one
/// (<see cref="ThreadPoolReserve.Hold"/>); this covers everything else: every <see cref="Interval"/> it
/// looks whether work has waited since its last look while the process was mostly idle (its threads
/// held, not working), and if so raises the pool's minimum to the threads
/// it has plus the work waiting (at most <see cref="MaxAdded"/> in all), so each waiting item gets a
/// thread now. Once the pool has been moving for <see cref="CalmBeforeLowering"/>, the minimum goes
/// back; threads the pool no longer needs end by themselves.
/// </summary>
/// <remarks>
/// It looks from a thread of its own and waits on a plain event, not on a timer of the pool (or of
/// <see cref="TimeProvider"/>, whose timers run there): a watch that needs a pool thread to run would
/// stall with the pool it watches. Reading the pool's two counters ten times a second costs nothing
/// measurable; raising the minimum when nothing is stuck only lets the pool start a thread sooner.
/// </remarks>
public sealed class ThreadPoolStarvationWatch(ILogger<ThreadPoolStarvationWatch> logger) : IHostedService, IDisposable
{
    /// <summary>How often it looks, and so about how long queued work may wait before threads are added.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the pool must keep moving before the minimum this raised goes back.</summary>
    public static readonly TimeSpan CalmBeforeLowering = TimeSpan.FromSeconds(10);

    /// <summary>The share of the cores' time the process may have used in an interval for its waiting work to count as held up rather than queued behind busy threads.</summary>
    public const double BusyShare = 0.25;

    /// <summary>The most threads this lets the pool start at once beyond its own rule, however much waits.</summary>
    public const int MaxAdded = 64;

    private readonly ManualResetEventSlim _stopping = new();
    private Thread? _watcher;
    private int _added;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = new Thread(Watch) { IsBackground = true, Name = "ReviewBot thread pool watch" };
        _watcher.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Set();
        _watcher?.Join();
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>How many threads beyond the pool's own rule this lets it start now (0 once the pool is moving again).</summary>
    public int ThreadsAdded => Volatile.Read(ref _added);

    private void Watch()
    {
        var completed = ThreadPool.CompletedWorkItemCount;
        var waited = 0L;
        var cpu = Environment.CpuUsage.TotalTime;
        var looked = Stopwatch.GetTimestamp();
        var calm = TimeSpan.Zero;
        while (!_stopping.Wait(Interval))
        {
            var now = ThreadPool.CompletedWorkItemCount;
            var waiting = ThreadPool.PendingWorkItemCount;
            var cpuNow = Environment.CpuUsage.TotalTime;
            var elapsed = Stopwatch.GetElapsedTime(looked);
            looked = Stopwatch.GetTimestamp();

            // Fewer items ran since the last look than were waiting then: some have waited a whole
            // interval, which a pool with a free thread never lets happen (it runs thousands a second).
            // And the process was mostly idle meanwhile, so its threads are held, not working: when they
            // are all busy (start-up's compiling, a burst of work) more threads would only share the cores.
            var stalled = waiting > 0 && now - completed < waited && cpuNow - cpu < elapsed * (BusyShare * Environment.ProcessorCount);
            completed = now;
            waited = waiting;
            cpu = cpuNow;
            if (stalled)
            {
                calm = TimeSpan.Zero;
                Add(waiting);
            }
            else if (_added > 0 && (calm += Interval) >= CalmBeforeLowering)
            {
                logger.LogInformation("The thread pool has kept moving for {Calm}; its minimum goes back down by the {Added} threads added", CalmBeforeLowering, _added);
                Lower();
            }
        }

        Lower();
    }

    private void Lower()
    {
        if (_added > 0)
        {
            ThreadPoolReserve.Lower(_added);
            Volatile.Write(ref _added, 0);
        }
    }

    private void Add(long waiting)
    {
        var threads = ThreadPool.ThreadCount;
        var wanted = (int)Math.Min(threads + waiting, int.MaxValue);
        var added = ThreadPoolReserve.RaiseTo(wanted, MaxAdded - _added);
        if (added == 0)
        {
            return;
        }

        // Warning the first time in an episode: something holds the pool's threads (a statement waiting
        // for a lock, a slow disk), and the operator should know even when no interaction was late.
        var level = _added == 0 ? LogLevel.Warning : LogLevel.Debug;
        Volatile.Write(ref _added, _added + added);
        logger.Log(level, "The thread pool's work stood still for {Interval} with {Waiting} items waiting and {Threads} threads busy: it may start {Added} more at once ({Total} added in all)",
            Interval, waiting, threads, added, _added);
    }
}
