using System.Diagnostics;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// CPU cost of polling 100 feeds that answer 304, measured as this process's CPU time (user +
/// system) around one poll of all of them. The loopback Kestrel answering them runs in the same
/// process, so its CPU is included: the figure is an upper bound for the bot's share.
/// </summary>
public static class FeedsScenario
{
    public const string Name = "feeds";

    public static async Task RunAsync(LoadReport report)
    {
        await using var rig = await FeedPollRig.StartAsync();
        await rig.PollAllAsync(); // warm-up: JIT, connection pool
        await rig.PollAllAsync();

        var cpu = new List<double>();
        var wall = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            using var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await rig.PollAllAsync();
            wall.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - before).TotalMilliseconds);
        }

        var medianCpu = cpu.Order().ElementAt(2);
        report.Measured(Name, $"CPU for one poll of {FeedPollRig.FeedCount} feeds answering 304 (median of 5)", medianCpu, "ms", "< 1,000 ms", medianCpu < 1000,
            "includes the loopback server's CPU");
        report.Measured(Name, "wall time for that poll (median of 5)", wall.Order().ElementAt(2), "ms", "", null, "4 feeds at a time (Feeds:MaxConcurrentPolls)");
    }
}
