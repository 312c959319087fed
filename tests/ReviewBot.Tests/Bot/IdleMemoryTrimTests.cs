using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Bot;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// The bot gives memory back once it goes quiet after allocating a fair amount, and never while busy.
/// Driven on a fake clock with a scripted heap: each check reads the next of the given totals.
/// </summary>
public sealed class IdleMemoryTrimTests
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QuietAfterAllocatingEnough_TrimsOnce()
    {
        var logger = new FakeLogger<IdleMemoryTrim>();

        // Start, a burst of 2 MiB, then quiet intervals: the first quiet one trims, the rest have nothing new.
        var heap = await RunAsync(new IdleMemoryTrimOptions(), logger, 0, 2 * MiB, 2 * MiB, 2 * MiB + 1 * KiB, 2 * MiB + 2 * KiB);

        Assert.Equal<long>([2 * MiB], heap.TrimmedAt);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Contains("2048 KiB allocated since the last trim", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StillAllocating_NeverTrims()
    {
        // 1 MiB every interval: far past the minimum since the last trim, but never quiet.
        var heap = await RunAsync(new IdleMemoryTrimOptions(), new FakeLogger<IdleMemoryTrim>(), 0, 1 * MiB, 2 * MiB, 3 * MiB, 4 * MiB, 5 * MiB);

        Assert.Empty(heap.TrimmedAt);
    }

    [Fact]
    public async Task QuietAgainAfterLittleAllocation_DoesNotTrimAgain()
    {
        // Trims after the first burst; the second burst (512 KiB) leaves less than 1 MiB since then.
        var heap = await RunAsync(new IdleMemoryTrimOptions(), new FakeLogger<IdleMemoryTrim>(), 0, 2 * MiB, 2 * MiB, 2 * MiB + 512 * KiB, 2 * MiB + 512 * KiB);

        Assert.Equal<long>([2 * MiB], heap.TrimmedAt);
    }

    [Fact]
    public async Task QuietAgainAfterAnotherBurst_TrimsAgain()
    {
        // The minimum counts from the last trim, not from the start: a second burst of 1.5 MiB trims again.
        var heap = await RunAsync(new IdleMemoryTrimOptions(), new FakeLogger<IdleMemoryTrim>(), 0, 2 * MiB, 2 * MiB, 3 * MiB + 512 * KiB, 3 * MiB + 512 * KiB);

        Assert.Equal<long>([2 * MiB, 3 * MiB + 512 * KiB], heap.TrimmedAt);
    }

    [Fact]
    public async Task WhatStartUpAllocated_CountsTowardsTheFirstTrim()
    {
        // The service starts after the host has allocated 3 MiB; quiet from then on.
        var heap = await RunAsync(new IdleMemoryTrimOptions(), new FakeLogger<IdleMemoryTrim>(), 3 * MiB, 3 * MiB);

        Assert.Equal<long>([3 * MiB], heap.TrimmedAt);
    }

    [Fact]
    public async Task SettingsOfTheMemorySection_DecideWhatIsQuietAndEnough()
    {
        // 100 KiB per interval is busy by default; with a 200 KiB threshold it is quiet, and 256 KiB is enough.
        var options = new IdleMemoryTrimOptions { QuietBelowBytes = 200 * KiB, MinBytesSinceLastTrim = 256 * KiB, IdleCheckInterval = TimeSpan.FromSeconds(5) };

        var heap = await RunAsync(options, new FakeLogger<IdleMemoryTrim>(), 0, 100 * KiB, 200 * KiB, 300 * KiB);

        Assert.Equal<long>([300 * KiB], heap.TrimmedAt);
    }

    [Fact]
    public async Task TurnedOff_NeverReadsTheHeapNorTrims()
    {
        var heap = new ScriptedHeap([0, 2 * MiB, 2 * MiB]);
        var time = new FakeTimeProvider();
        using var trim = new IdleMemoryTrim(heap, Options.Create(new IdleMemoryTrimOptions { TrimWhenIdle = false }), time, new FakeLogger<IdleMemoryTrim>());

        await trim.StartAsync(CancellationToken.None);
        await trim.ExecuteTask!.WaitAsync(Guard);
        time.Advance(TimeSpan.FromMinutes(1));
        await trim.StopAsync(CancellationToken.None);

        Assert.Equal(0, heap.Readings);
        Assert.Empty(heap.TrimmedAt);
    }

    [Fact]
    public void TheProcessHeap_GivesBackMemoryAndCountsAllocation()
    {
        var heap = new ManagedHeap();
        var before = heap.AllocatedBytes;
        GC.KeepAlive(new byte[4 * MiB]);

        heap.GiveBackMemory();

        // The reading is not precise (threads' allocation contexts), hence the margin.
        var allocated = heap.AllocatedBytes - before;
        Assert.True(allocated >= 3 * MiB, $"allocated {allocated} bytes, expected about {4 * MiB}");
    }

    /// <summary>
    /// Starts the trim, lets one check interval pass per reading after the first (which the service
    /// takes at start), waiting for each check to read before the next, then stops it.
    /// </summary>
    private static async Task<ScriptedHeap> RunAsync(IdleMemoryTrimOptions options, ILogger<IdleMemoryTrim> logger, params long[] readings)
    {
        var heap = new ScriptedHeap(readings);
        var time = new FakeTimeProvider();
        using var trim = new IdleMemoryTrim(heap, Options.Create(options), time, logger);

        await trim.StartAsync(CancellationToken.None);
        Assert.True(await heap.Read.WaitAsync(Guard), "the trim did not read the heap at start");
        for (var check = 1; check < readings.Length; check++)
        {
            time.Advance(options.IdleCheckInterval);
            Assert.True(await heap.Read.WaitAsync(Guard), $"check {check} did not read the heap");
        }

        // Stopping waits for the last check to finish.
        await trim.StopAsync(CancellationToken.None);
        Assert.Equal(readings.Length, heap.Readings);
        return heap;
    }

    /// <summary>Returns the given totals one reading at a time and records the total each trim came after.</summary>
    private sealed class ScriptedHeap(long[] readings) : IManagedHeap
    {
        private readonly ConcurrentQueue<long> trims = new();
        private int count;
        private long last;

        public SemaphoreSlim Read { get; } = new(0);

        public int Readings => Volatile.Read(ref count);

        public long[] TrimmedAt => [.. trims];

        public long AllocatedBytes
        {
            get
            {
                var index = Interlocked.Increment(ref count) - 1;
                last = readings[Math.Min(index, readings.Length - 1)];
                Read.Release();
                return last;
            }
        }

        public void GiveBackMemory() => trims.Enqueue(last);
    }
}
