namespace ReviewBot.Discord.Threading;

/// <summary>
/// Keeps the thread pool able to start a thread at once for every gateway event handler running or
/// waiting to run. The pool's own minimum is one thread per core; past it, it adds threads only
/// slowly, one at a time while its work waits. A handler that blocks its thread (a SQLite statement
/// waiting for the write lock, a slow disk) holds that thread the whole time, and with every pool
/// thread held so nothing else runs: not the next handlers, not the deadline timers that send the
/// defers, not the socket reads of the next interactions, not the completions of Discord's answers,
/// so every interaction behind them misses Discord's 3 s. The gateway's dispatcher raises the pool's
/// minimum by one (<see cref="Hold"/>) before it queues each handler, and lowers it when the handler
/// has ended (<see cref="Release"/>), so the pool's own threads stay free however many handlers block.
/// Its handlers are bounded (Gateway:MaxConcurrentHandlers, and those still running after their
/// defer), so the minimum is too. What else may hold the pool's threads (a handler over HTTP, on its
/// request's thread; a background loop) is the host's watch's to cover: it raises the minimum past the
/// threads the pool has when its work stops moving (<see cref="RaiseTo"/>) and gives it back after
/// (<see cref="Lower"/>), through the same lock.
/// </summary>
/// <remarks>
/// Static, because the pool's minimum is the process's, and so must the lock be that changes it: bots
/// hosted side by side in one process (the tests do) each raise and lower it, and none may lose
/// another's change between reading the minimum and setting it. Raising the minimum starts no thread
/// by itself; it lets the pool start one without waiting when work is queued and every thread is busy.
/// </remarks>
public static class ThreadPoolReserve
{
    private static readonly Lock Changing = new();

    /// <summary>A handler is about to be handed to the pool: one more thread the pool may start at once.</summary>
    public static void Hold() => Change(1);

    /// <summary>The handler has ended: what <see cref="Hold"/> added goes.</summary>
    public static void Release() => Change(-1);

    /// <summary>
    /// Raises the minimum to <paramref name="threads"/> where it is below (never past the pool's
    /// maximum); returns by how much it rose, for the caller to give back with <see cref="Lower"/>.
    /// </summary>
    public static int RaiseTo(int threads)
    {
        lock (Changing)
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.GetMaxThreads(out var maxWorkers, out _);
            var by = Math.Min(threads, maxWorkers) - workers;

            // Refused where the runtime is told to keep a fixed minimum: then nothing was added to give back.
            return by > 0 && ThreadPool.SetMinThreads(workers + by, completionPorts) ? by : 0;
        }
    }

    /// <summary>Gives back what <see cref="RaiseTo"/> added.</summary>
    public static void Lower(int threads) => Change(-threads);

    private static void Change(int threads)
    {
        lock (Changing)
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.GetMaxThreads(out var maxWorkers, out _);
            var minimum = Math.Clamp(workers + threads, 1, maxWorkers);
            if (minimum != workers)
            {
                ThreadPool.SetMinThreads(minimum, completionPorts);
            }
        }
    }
}
