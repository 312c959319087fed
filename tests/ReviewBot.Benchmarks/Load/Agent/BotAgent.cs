using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using ReviewBot.Cli;

namespace ReviewBot.Benchmarks.Load.Agent;

/// <summary>
/// The child process of the load mode: the REAL host (ReviewBot's Program with its default verb, the
/// Discord bot), configured by environment variables, plus a MeterListener. It runs apart from
/// FakeDiscord and the load driver so that its CPU time and working set are the bot's alone.
/// It answers one-line commands on stdin with one "@bench ..." line on stdout:
/// <c>stats</c>, <c>gc</c> (full blocking compacting collection, then stats), <c>samples</c> (every
/// latency measurement, for merging across processes), <c>reset</c>, <c>sample</c>
/// (starts sampling allocations), <c>allocs</c> (the types most allocated since <c>sample</c>, and stops), <c>stop</c>.
/// </summary>
internal static class BotAgent
{
    public const string Prefix = "@bench ";

    public static async Task<int> RunAsync()
    {
        using var durations = new DurationRecorder();
        using var answers = new AnswerSourceCounter();
        AllocationSampler? allocations = null; // on only between "sample" and "allocs": its events cost a little
        using var stop = new CancellationTokenSource();
        var output = Console.Out;
        var writeLock = new Lock();
        void Emit(string line)
        {
            lock (writeLock)
            {
                output.WriteLine(Prefix + line);
                output.Flush();
            }
        }

        // The host's own console writers go to stderr: stdout carries only this protocol.
        var bot = Task.Run(() => Program.RunAsync([CliArguments.DefaultVerb], Console.Error, Console.Error, stop.Token));
        _ = bot.ContinueWith(t => Emit($"exited {(t.IsCompletedSuccessfully ? t.Result : -1)} {t.Exception?.GetBaseException().Message}"), TaskScheduler.Default);
        Emit("started");

        while (await Console.In.ReadLineAsync() is { } command)
        {
            switch (command.Trim())
            {
                case "stats":
                    Emit("stats " + Stats(durations, answers));
                    break;
                case "gc":
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Emit("stats " + Stats(durations, answers));
                    break;
                case "samples":
                    Emit("samples " + JsonSerializer.Serialize(durations.Samples()));
                    break;
                case "reset":
                    durations.Reset();
                    Emit("reset");
                    break;
                case "sample":
                    allocations?.Dispose();
                    allocations = new AllocationSampler();
                    Emit("sampling");
                    break;
                case "allocs":
                    Emit("allocs " + JsonSerializer.Serialize(allocations?.Top(20) ?? []));
                    allocations?.Dispose();
                    allocations = null;
                    break;
                case "stop":
                    await stop.CancelAsync();
                    var finished = await Task.WhenAny(bot, Task.Delay(TimeSpan.FromSeconds(15)));
                    Emit(finished == bot ? "stopped" : "stop-timeout");
                    return 0;
            }
        }

        await stop.CancelAsync();
        return 0;
    }

    private static string Stats(DurationRecorder durations, AnswerSourceCounter answers)
    {
        using var process = Process.GetCurrentProcess();
        return JsonSerializer.Serialize(new AgentStats(
            process.WorkingSet64,
            process.PrivateMemorySize64,
            GC.GetTotalMemory(forceFullCollection: false),
            process.TotalProcessorTime.TotalMilliseconds,
            durations.InstrumentSeen,
            durations.Summaries(),
            ProcStatus("RssAnon"),
            ProcStatus("RssFile"),
            ProcStatus("RssShmem"),
            GC.GetGCMemoryInfo().TotalCommittedBytes,
            GC.CollectionCount(0),
            GC.GetTotalPauseDuration().TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: false),
            durations.UncollectedSummaries(),
            answers.Counts()));
    }

    /// <summary>A "kB" line of /proc/self/status in bytes (Linux), so the working set can be split into heap-like and mapped-file memory; -1 elsewhere.</summary>
    private static long ProcStatus(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return -1;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var digits = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : -1;
    }
}

/// <summary>
/// What the agent reports; CPU is the whole process's user + system time so far.
/// <see cref="UncollectedDurations"/>: the durations no garbage collection landed on (one process only).
/// <see cref="Answers"/>: /review and /episode answers so far by where they came from (<see cref="AnswerSourceCounter"/>).
/// </summary>
public sealed record AgentStats(
    long WorkingSetBytes,
    long PrivateBytes,
    long GcHeapBytes,
    double CpuMilliseconds,
    bool InstrumentSeen,
    Dictionary<string, LatencySummary> Durations,
    long RssAnonBytes,
    long RssFileBytes,
    long RssShmemBytes,
    long GcCommittedBytes,
    int GcCount,
    double GcPauseMilliseconds,
    long AllocatedBytes,
    Dictionary<string, LatencySummary>? UncollectedDurations = null,
    Dictionary<string, long>? Answers = null);
