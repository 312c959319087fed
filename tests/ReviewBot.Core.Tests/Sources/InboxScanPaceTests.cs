using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// How often the inbox loop looks while a file keeps changing. Scans are counted on the clock the
/// watcher reads once per scan, and the loop's waits are the timers it asks that clock for, so
/// nothing here depends on how fast the machine is.
/// </summary>
public sealed class InboxScanPaceTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string inbox = Directory.CreateTempSubdirectory("reviewbot-inbox-").FullName;

    [Fact]
    public async Task Run_WithNoSettleTime_WaitsBetweenScansOfAFileThatKeepsChanging()
    {
        // Every scan finds the file longer than the last one did, as while a slow writer appends to it.
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var clock = new GrowingFileClock(fake, Path.Combine(inbox, "slow.txt"), growForScans: 50);
        using var host = new SourcesTestHost(
            new Dictionary<string, string?>
            {
                ["Reviews:InboxDirectory"] = inbox,
                ["Reviews:InboxSettleTime"] = "00:00:00",
                ["Reviews:InboxRescanInterval"] = "1.00:00:00",
            },
            replace: services => services.AddSingleton<TimeProvider>(clock));
        using var stop = new CancellationTokenSource();
        var run = host.Get<InboxWatcher>().RunAsync(stop.Token);

        await Eventually.WaitUntilAsync(() => clock.Waits.Any(w => w.DueTime > TimeSpan.Zero), Guard);
        var firstWait = clock.Waits.First(w => w.DueTime > TimeSpan.Zero);

        // One scan, then a wait on the clock: not a scan after scan for as long as the writes go on.
        Assert.Equal(1, firstWait.ScansBefore);
        Assert.Equal(InboxWatcher.MinimumScanGap, firstWait.DueTime);
        fake.Advance(InboxWatcher.MinimumScanGap);
        await Eventually.WaitUntilAsync(() => clock.Scans >= 2, Guard);
        Assert.Equal(2, clock.Scans);

        await stop.CancelAsync();
        await run.WaitAsync(Guard);
    }

    public void Dispose() => Directory.Delete(inbox, recursive: true);

    /// <summary>The test's fake clock, counting the watcher's scans (it reads the time once at the start of each) and growing the file at each.</summary>
    private sealed class GrowingFileClock(FakeTimeProvider inner, string path, int growForScans) : TimeProvider
    {
        private int scans;

        public int Scans => Volatile.Read(ref scans);

        public ConcurrentQueue<(TimeSpan DueTime, int ScansBefore)> Waits { get; } = new();

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Increment(ref scans) <= growForScans)
            {
                File.AppendAllText(path, "Episode Guide\n");
            }

            return inner.GetUtcNow();
        }

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Waits.Enqueue((dueTime, Scans));
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
