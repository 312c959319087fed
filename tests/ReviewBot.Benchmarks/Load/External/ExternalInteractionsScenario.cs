using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// /review and /episode one at a time against each published bot, and the floor (an unknown command,
/// answered with no work) the same way: end-to-end latency as FakeDiscord sees it (dispatch sent to
/// the callback's body read, before the fake validates it against Discord's schema, which takes far
/// longer for an embed than for the floor's one line), its ratio to the floor, and the bot's CPU per
/// interaction from outside. Every
/// bot runs at once, each with its own FakeDiscord, and they take turns in blocks, so a noisy moment
/// of the shared machine falls on all of them alike.
/// </summary>
public static class ExternalInteractionsScenario
{
    public const string Name = "interactions";
    private const int Blocks = 5;

    /// <summary>Kinds of the answers to reviews the warm-up asked about already: what an answer costs once built.</summary>
    private const string ReviewAskedBefore = "review, asked before";
    private const string EpisodeAskedBefore = "episode, asked before";
    private const int AskedBeforeReviews = 100;

    private sealed class Totals
    {
        public Dictionary<string, List<double>> Latencies { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Embeds { get; } = new(StringComparer.Ordinal);

        public TimeSpan CommandCpu { get; set; }

        public int CommandsAnswered { get; set; }

        public TimeSpan FloorCpu { get; set; }

        public int FloorAnswered { get; set; }

        public void Add(InteractionDriver.Outcome outcome)
        {
            foreach (var (kind, values) in outcome.EndToEndMsByKind)
            {
                (Latencies.TryGetValue(kind, out var list) ? list : Latencies[kind] = []).AddRange(values);
            }

            foreach (var (kind, shapes) in outcome.Shapes)
            {
                Embeds[kind] = Embeds.GetValueOrDefault(kind) + shapes.GetValueOrDefault("embed") + shapes.GetValueOrDefault("embed with chart");
            }
        }
    }

    public static async Task RunAsync(IReadOnlyList<BotExecutable> executables, GeneratedStore store, LoadOptions options, LoadReport report)
    {
        var rigs = new List<(BotExecutable Executable, ExternalRig Rig, InteractionDriver Driver)>();
        var splits = new List<CpuSplit>();
        try
        {
            foreach (var executable in executables)
            {
                var (rig, reason) = await ExternalRig.StartAsync(executable, store.DatabasePath);
                if (rig is null)
                {
                    report.NotAvailable(Scenario(executable), reason!);
                    continue;
                }

                rigs.Add((executable, rig, new InteractionDriver(rig.Fake, fromBodyRead: true)));
                if (!options.SharedCpus && CpuSplit.TryApply([rig.Bot.ProcessId]) is ({ } split, _))
                {
                    splits.Add(split);
                }
            }

            var where = options.SharedCpus ? "not split: --shared-cpus" : splits.FirstOrDefault()?.Description ?? "not split";
            // The reviews the warm-up asks about first (the same seed): asking them again measures an answer
            // that was built before, as the in-process interactions scenario's "asked before" rows do.
            var popular = Workload.MixedWithReviews(Math.Min(2_000, options.Count), store.Size, 0, seed: 1).Reviews
                .Distinct().Take(AskedBeforeReviews).ToList();
            foreach (var (executable, rig, driver) in rigs)
            {
                // Warm-up, not measured: a JIT build's hot methods reach their last tier, pools and the title
                // index fill; a native build only fills its caches. Then a pause for the last compiles to land.
                var warmup = await driver.RunAsync(Workload.Mixed(Math.Min(2_000, options.Count), store.Size, rig.Fake.Options.ApplicationId, seed: 1), options.Concurrency, TimeSpan.FromSeconds(120));
                if (warmup.Answered == 0)
                {
                    report.NotAvailable(Scenario(executable), $"READY, but none of {warmup.Sent} interactions answered; last lines: {rig.Bot.LogTail}");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            var commands = Math.Max(1_000, options.Count / 2);
            var floor = commands / 2;
            var totals = rigs.ToDictionary(r => r.Executable.Name, _ => new Totals());
            for (var block = 0; block < Blocks; block++)
            {
                foreach (var (executable, rig, driver) in rigs)
                {
                    var applicationId = rig.Fake.Options.ApplicationId;
                    var plan = Workload.Mixed(commands * 2 / Blocks, store.Size, applicationId, seed: 100 + block)
                        .Where(p => p.Kind is Workload.Review or Workload.Episode).Take(commands / Blocks).ToList();
                    var total = totals[executable.Name];
                    var chunk = popular.Skip(block * popular.Count / Blocks).Take(popular.Count / Blocks).ToList();
                    if (block == 0)
                    {
                        // Asked twice before the measured blocks by every bot, so each of these answers has been built
                        // and kept (a bot keeps an answer from its second ask on).
                        for (var time = 0; time < 2; time++)
                        {
                            await driver.RunAsync([.. Workload.ReviewsOf(popular, applicationId), .. Workload.EpisodesOf(popular, 1, applicationId)], 1, TimeSpan.FromSeconds(120));
                        }
                    }

                    plan.AddRange(Enumerable.Range(0, 5).SelectMany(_ =>
                        Workload.ReviewsOf(chunk, applicationId).Select(p => p with { Kind = ReviewAskedBefore })
                            .Concat(Workload.EpisodesOf(chunk, 1, applicationId).Select(p => p with { Kind = EpisodeAskedBefore }))));

                    var cpu = rig.Bot.CpuTime;
                    var outcome = await driver.RunAsync(plan, 1, TimeSpan.FromSeconds(300));
                    total.CommandCpu += rig.Bot.CpuTime - cpu;
                    total.CommandsAnswered += outcome.Answered;
                    total.Add(outcome);

                    cpu = rig.Bot.CpuTime;
                    outcome = await driver.RunAsync(Workload.Floor(floor / Blocks, applicationId), 1, TimeSpan.FromSeconds(120));
                    total.FloorCpu += rig.Bot.CpuTime - cpu;
                    total.FloorAnswered += outcome.Answered;
                    total.Add(outcome);
                }
            }

            foreach (var (executable, _, _) in rigs)
            {
                Report(report, Scenario(executable), totals[executable.Name], where);
            }
        }
        finally
        {
            foreach (var split in splits)
            {
                split.Dispose();
            }

            foreach (var (_, rig, _) in rigs)
            {
                await rig.DisposeAsync();
            }
        }
    }

    public static string Scenario(BotExecutable executable) => $"{Name}[{executable.Name}]";

    private static void Report(LoadReport report, string scenario, Totals totals, string where)
    {
        if (!totals.Latencies.TryGetValue(Workload.Unknown, out var floorValues) || LatencySummary.Of(floorValues) is not { } floor)
        {
            report.NotAvailable(scenario, "the floor (an unknown command) was never answered");
            return;
        }

        report.Measured(scenario, "floor end-to-end p50 [unknown command]", floor.P50, "ms", "", null, $"n={floor.Count}; one at a time; {where}");
        report.Measured(scenario, "floor end-to-end p99 [unknown command]", floor.P99, "ms");
        foreach (var kind in new[] { Workload.Review, Workload.Episode, ReviewAskedBefore, EpisodeAskedBefore })
        {
            if (!totals.Latencies.TryGetValue(kind, out var values) || LatencySummary.Of(values) is not { } summary)
            {
                report.NotAvailable($"{scenario} /{kind}", "never answered");
                continue;
            }

            var p50 = summary.P50 / floor.P50;
            var p99 = summary.P99 / floor.P99;
            var embeds = $"n={summary.Count}, {totals.Embeds.GetValueOrDefault(kind)} answered with an embed";
            report.Measured(scenario, $"/{kind} end-to-end p50", summary.P50, "ms", "", null, embeds);
            report.Measured(scenario, $"/{kind} end-to-end p99", summary.P99, "ms", "", null, $"max {summary.Max:0.00} ms");
            report.Measured(scenario, $"/{kind} p50 ÷ floor p50", p50, "×", "≤ 2×", p50 <= 2);
            report.Measured(scenario, $"/{kind} p99 ÷ floor p99", p99, "×", "≤ 3×", p99 <= 3);
        }

        var commandCpu = totals.CommandCpu.TotalMilliseconds * 1000 / Math.Max(1, totals.CommandsAnswered);
        var floorCpu = totals.FloorCpu.TotalMilliseconds * 1000 / Math.Max(1, totals.FloorAnswered);
        report.Measured(scenario, "bot CPU per /review or /episode", commandCpu, "µs", "", null, $"utime + stime over {totals.CommandsAnswered} answered, one at a time");
        report.Measured(scenario, "bot CPU per floor interaction", floorCpu, "µs", "", null, $"over {totals.FloorAnswered} answered; ratio {commandCpu / Math.Max(1, floorCpu):0.0}×");
    }
}
