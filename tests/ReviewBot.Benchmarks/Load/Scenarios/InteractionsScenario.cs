using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// N mixed interactions over the gateway at concurrency C against the real host: throughput, the
/// bot's own latency (its histogram, read in the bot process) and end-to-end latency as FakeDiscord
/// sees it (dispatch queued to callback received), per kind.
/// </summary>
public static class InteractionsScenario
{
    public const string Name = "interactions";

    public static async Task RunAsync(GeneratedStore store, LoadOptions options, LoadReport report)
    {
        var (rig, reason) = await BotRig.StartAsync(store.ConnectionString, options.Topology);
        if (rig is null)
        {
            report.NotAvailable(Name, reason!);
            return;
        }

        await using (rig)
        {
            var (split, notSplit) = options.SharedCpus ? (null, "not split: --shared-cpus") : CpuSplit.TryApply(rig.Bot.ProcessIds);
            using var cpus = split;
            var where = split?.Description ?? notSplit;
            report.Measured(Name, "CPUs", Environment.ProcessorCount, "logical", "", null, where);
            var driver = rig.CreateDriver();
            var applicationId = rig.Fake.Options.ApplicationId;

            // Warm-up: JIT, connection pools, the title index; not measured. A running bot serves for days, so
            // the figures are of its steady state: enough calls for the hot methods to reach tier 1 (30
            // calls each, then a background compile), and a pause for the last compiles to land.
            var warmup = await driver.RunAsync(Workload.Mixed(Math.Min(2_000, options.Count), store.Size, applicationId, seed: 1), options.Concurrency, TimeSpan.FromSeconds(120));
            if (warmup.Answered == 0)
            {
                report.NotAvailable(Name, $"the host reached READY but answered none of {warmup.Sent} interactions in 60 s; last log lines: {rig.Bot.LogTail.Split('\n').LastOrDefault()}");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));

            // One at a time first: the bot's own time per interaction with no queue in front of it. At least
            // 1,000 of them, so each command's p99 rests on a few hundred samples rather than a handful.
            await rig.Bot.ResetDurationsAsync();
            var beforeSerial = await rig.Bot.StatsAsync();
            var serial = await driver.RunAsync(Workload.Mixed(Math.Max(1_000, options.Count / 5), store.Size, applicationId, seed: 2), 1, TimeSpan.FromSeconds(300));
            var serialStats = await rig.Bot.StatsAsync();
            foreach (var (tag, summary) in serialStats.Durations.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                // The targets: commands (and components) under 1 ms at p99, autocomplete under 2 ms;
                // "all" mixes the two, so it has none of its own.
                var label = tag == "*" ? "all" : tag;
                int? target = tag == "*" ? null : tag.EndsWith("/autocomplete", StringComparison.Ordinal) ? 2 : 1;
                report.Measured(Name, $"C=1 bot latency p50 [{label}]", summary.P50, "ms");
                report.Measured(Name, $"C=1 bot latency p99 [{label}]", summary.P99, "ms", target is { } t ? $"< {t} ms" : "", target is { } u ? summary.P99 < u : null, $"n={summary.Count}; one interaction at a time, no queue");
                report.Measured(Name, $"C=1 bot latency max [{label}]", summary.Max, "ms");
            }

            report.Measured(Name, "C=1 throughput", serial.Answered / serial.Wall.TotalSeconds, "interactions/s", "", null, $"{serial.Answered}/{serial.Sent} answered");
            var gcs = serialStats.GcCount - beforeSerial.GcCount;
            var pause = serialStats.GcPauseMilliseconds - beforeSerial.GcPauseMilliseconds;
            report.Measured(Name, "C=1 garbage collections", gcs, "collections", "", null,
                $"{pause:0.0} ms paused in all, {(gcs == 0 ? 0 : pause / gcs):0.00} ms each; one in every {(gcs == 0 ? serial.Answered : serial.Answered / Math.Max(1, gcs))} interactions");
            report.Measured(Name, "C=1 allocated per interaction", (serialStats.AllocatedBytes - beforeSerial.AllocatedBytes) / 1024.0 / Math.Max(1, serial.Answered), "KB", "", null, "managed, whole bot process");

            // The floor: an interaction answered with no work at all (an unknown command), one at a time.
            // What the gateway, the dispatch and writing the callback cost on this machine, under every command.
            await rig.Bot.ResetDurationsAsync();
            await driver.RunAsync(Workload.Floor(500, applicationId), 1, TimeSpan.FromSeconds(120));
            if ((await rig.Bot.StatsAsync()).Durations.TryGetValue("*", out var floor))
            {
                report.Measured(Name, "C=1 floor p50 [no work]", floor.P50, "ms");
                report.Measured(Name, "C=1 floor p99 [no work]", floor.P99, "ms", "", null, $"n={floor.Count}; an unknown command: no database, no embed");
            }

            await rig.Bot.ResetDurationsAsync();
            var cpuBefore = rig.Bot.CpuTime;
            var outcome = await driver.RunAsync(Workload.Mixed(options.Count, store.Size, applicationId), options.Concurrency, TimeSpan.FromSeconds(300));
            var cpu = rig.Bot.CpuTime - cpuBefore;
            var stats = await rig.Bot.StatsAsync();

            var throughput = outcome.Answered / outcome.Wall.TotalSeconds;
            var note = $"C={options.Concurrency}; {outcome.Answered}/{outcome.Sent} answered";
            foreach (var (kind, shapes) in outcome.Shapes.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var real = shapes.Where(s => s.Key is "embed" or "choices").Sum(s => s.Value);
                var total = shapes.Values.Sum();
                report.Measured(Name, $"answers with content [{kind}]", real, $"of {total}", "", null,
                    string.Join(", ", shapes.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}")));
            }

            report.Measured(Name, "throughput", throughput, "interactions/s", ">= 5,000/s", throughput >= 5000, note);
            report.Measured(Name, "bot CPU per interaction", cpu.TotalMilliseconds * 1000 / Math.Max(1, outcome.Answered), "µs", "", null, "process CPU of the bot / answered");

            if (!stats.InstrumentSeen)
            {
                report.NotAvailable(Name + " (bot latency)", "the host publishes no reviewbot.interaction.duration histogram (Meter \"ReviewBot\")");
            }

            foreach (var (tag, summary) in stats.Durations.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                var label = tag == "*" ? "all" : tag;
                // Not held to the targets: at this concurrency the bot is past its throughput, so these
                // are mostly time spent queued behind other interactions.
                report.Measured(Name, $"bot latency p50 [{label}]", summary.P50, "ms");
                report.Measured(Name, $"bot latency p99 [{label}]", summary.P99, "ms", "", null, $"n={summary.Count}; C={options.Concurrency}, queueing in the bot included");
                report.Measured(Name, $"bot latency max [{label}]", summary.Max, "ms");
            }

            var all = outcome.EndToEndMsByKind.Values.SelectMany(v => v).ToList();
            foreach (var (kind, values) in outcome.EndToEndMsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Append(new("all", all)))
            {
                if (LatencySummary.Of(values) is not { } summary)
                {
                    continue;
                }

                report.Measured(Name, $"end-to-end p50 [{kind}]", summary.P50, "ms");
                report.Measured(Name, $"end-to-end p99 [{kind}]", summary.P99, "ms", "", null, $"n={summary.Count}; as FakeDiscord sees it");
                report.Measured(Name, $"end-to-end max [{kind}]", summary.Max, "ms");
            }
        }
    }
}
