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
            var (warmupPlan, warmupReviews) = Workload.MixedWithReviews(Math.Min(2_000, options.Count), store.Size, applicationId, seed: 1);
            var reviewsAsked = ReviewsAskedBy(warmupPlan, warmupReviews).ToHashSet();
            var warmup = await driver.RunAsync(warmupPlan, options.Concurrency, TimeSpan.FromSeconds(120));
            if (warmup.Answered == 0)
            {
                report.NotAvailable(Name, $"the host reached READY but answered none of {warmup.Sent} interactions in 60 s; last log lines: {rig.Bot.LogTail.Split('\n').LastOrDefault()}");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));

            // One at a time first: the bot's own time per interaction with no queue in front of it. At least
            // 1,000 of them, so each command's p99 rests on a few hundred samples rather than a handful.
            // A fifth are unknown commands: the floor measured among the commands, after the same
            // neighbours (an autocomplete walks the show index and leaves the CPU's caches to whatever
            // runs next), besides the floor measured alone below.
            await rig.Bot.ResetDurationsAsync();
            var beforeSerial = await rig.Bot.StatsAsync();
            var (serialPlan, serialReviews) = Workload.MixedWithReviews(Math.Max(1_000, options.Count / 5), store.Size, applicationId, seed: 2, floorShare: MixedFloorShare);
            var serialAsks = ReviewsAskedBy(serialPlan, serialReviews).ToList();
            var firstAsks = serialAsks.Count(reviewsAsked.Add);
            var serial = await driver.RunAsync(serialPlan, 1, TimeSpan.FromSeconds(300));
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

            ReportMixedFloorRatios(report, serialStats);
            ReportAnswerSources(report, beforeSerial, serialStats);
            report.Measured(Name, "C=1 throughput", serial.Answered / serial.Wall.TotalSeconds, "interactions/s", "", null, $"{serial.Answered}/{serial.Sent} answered");
            var gcs = serialStats.GcCount - beforeSerial.GcCount;
            var pause = serialStats.GcPauseMilliseconds - beforeSerial.GcPauseMilliseconds;
            report.Measured(Name, "C=1 garbage collections", gcs, "collections", "", null,
                $"{pause:0.0} ms paused in all, {(gcs == 0 ? 0 : pause / gcs):0.00} ms each; one in every {(gcs == 0 ? serial.Answered : serial.Answered / Math.Max(1, gcs))} interactions");
            report.Measured(Name, "C=1 allocated per interaction", (serialStats.AllocatedBytes - beforeSerial.AllocatedBytes) / 1024.0 / Math.Max(1, serial.Answered), "KB", "", null, "managed, whole bot process");

            // The floor: an interaction answered with no work at all (an unknown command), one at a time.
            // What the gateway, the dispatch and writing the callback cost on this machine, under every command.
            await rig.Bot.ResetDurationsAsync();
            var beforeFloor = await rig.Bot.StatsAsync();
            var floorRun = await driver.RunAsync(Workload.Floor(500, applicationId), 1, TimeSpan.FromSeconds(120));
            var floorStats = await rig.Bot.StatsAsync();
            if (floorStats.Durations.TryGetValue("*", out var floor))
            {
                report.Measured(Name, "C=1 floor p50 [no work]", floor.P50, "ms");
                report.Measured(Name, "C=1 floor p99 [no work]", floor.P99, "ms", "", null, $"n={floor.Count}; an unknown command: no database, no embed");
                report.Measured(Name, "C=1 allocated per interaction [floor]", AllocatedKb(beforeFloor, floorStats, floorRun.Answered), "KB", "", null,
                    "gateway, dispatch and the callback sent, with no work; by type: " + await TypesAsync(rig, driver, Workload.Floor(TypeSample, applicationId)));
                ReportRatios(report, serialStats, floor, firstAsks, serialAsks.Count);
            }

            // Each command alone, one at a time, for what it allocates (the mixed figure above includes autocomplete).
            foreach (var kind in new[] { Workload.Review, Workload.Episode })
            {
                var before = await rig.Bot.StatsAsync();
                var alone = await driver.RunAsync(Workload.Only(kind, 1_000, store.Size, applicationId, seed: 3), 1, TimeSpan.FromSeconds(120));
                var after = await rig.Bot.StatsAsync();
                var kb = AllocatedKb(before, after, alone.Answered);
                report.Measured(Name, $"C=1 allocated per interaction [{kind}/command]", kb, "KB", "< 8 KB", kb < 8,
                    $"{alone.Answered} {kind} commands alone, whole bot process; by type: " + await TypesAsync(rig, driver, Workload.Only(kind, 600, store.Size, applicationId, seed: 4)));
            }

            // /review and /episode about what members asked about already: what an answer costs once it has been built.
            var popular = reviewsAsked.Take(100).ToList();
            await RepeatAsync(report, rig, driver, floor, "/review with its chart, asked before", "review/command",
                () => Workload.ReviewsOf(popular, applicationId), $"{popular.Count} reviews asked about before, 5 times each");
            await RepeatAsync(report, rig, driver, floor, "/episode, asked before", "episode/command",
                () => Workload.EpisodesOf(popular, 1, applicationId), $"episode 1 of {popular.Count} reviews asked about before, 5 times each");

            await rig.Bot.ResetDurationsAsync();
            var cpuBefore = rig.Bot.CpuTime;
            var outcome = await driver.RunAsync(Workload.Mixed(options.Count, store.Size, applicationId), options.Concurrency, TimeSpan.FromSeconds(300));
            var cpu = rig.Bot.CpuTime - cpuBefore;
            var stats = await rig.Bot.StatsAsync();

            var throughput = outcome.Answered / outcome.Wall.TotalSeconds;
            var note = $"C={options.Concurrency}; {outcome.Answered}/{outcome.Sent} answered";
            foreach (var (kind, shapes) in outcome.Shapes.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var real = shapes.Where(s => s.Key is "embed" or "embed with chart" or "choices").Sum(s => s.Value);
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

    /// <summary>Where the one-at-a-time mix's /review and /episode answers came from: memory (kept), the stored answers, or built.</summary>
    private static void ReportAnswerSources(LoadReport report, Agent.AgentStats before, Agent.AgentStats after)
    {
        if (after.Answers is not { } counts)
        {
            return;
        }

        long Count(string source) => counts.GetValueOrDefault(source) - (before.Answers?.GetValueOrDefault(source) ?? 0);
        var kept = Count("kept");
        var all = kept + Count("stored") + Count("built");
        report.Measured(Name, "C=1 answers from memory", all == 0 ? 0 : 100.0 * kept / all, "%", "", null,
            $"/review and /episode of a known version: kept {kept}, stored {Count("stored")}, built {Count("built")}");
    }

    /// <summary>The share of the one-at-a-time mix that is unknown commands (the floor among the commands).</summary>
    private const double MixedFloorShare = 0.2;

    /// <summary>
    /// The commands' own time as a multiple of the floor dealt in among them (same phase, same
    /// neighbours), next to the ratios to the floor measured alone (<see cref="ReportRatios"/>).
    /// </summary>
    private static void ReportMixedFloorRatios(LoadReport report, Agent.AgentStats serial)
    {
        if (!serial.Durations.TryGetValue("unknown/command", out var floor))
        {
            return;
        }

        foreach (var tag in new[] { "review/command", "episode/command" })
        {
            if (serial.Durations.TryGetValue(tag, out var command))
            {
                var p50 = command.P50 / floor.P50;
                var p99 = command.P99 / floor.P99;
                report.Measured(Name, $"C=1 p50 / floor in the mix p50 [{tag}]", p50, "x", "<= 2x", p50 <= 2, $"{command.P50:0.###} / {floor.P50:0.###} ms; floor: {floor.Count} unknown commands among the mix");
                report.Measured(Name, $"C=1 p99 / floor in the mix p99 [{tag}]", p99, "x", "<= 3x", p99 <= 3, $"{command.P99:0.###} / {floor.P99:0.###} ms");
            }
        }
    }

    /// <summary>The commands' own time as a multiple of the floor's, measured in the same run: what an answer costs beyond an empty one.</summary>
    private static void ReportRatios(LoadReport report, Agent.AgentStats serial, LatencySummary floor, int firstAsks, int reviewAsks)
    {
        foreach (var tag in new[] { "review/command", "episode/command" })
        {
            if (!serial.Durations.TryGetValue(tag, out var command))
            {
                continue;
            }

            var p50 = command.P50 / floor.P50;
            var p99 = command.P99 / floor.P99;
            report.Measured(Name, $"C=1 p50 / floor p50 [{tag}]", p50, "x", "<= 2x", p50 <= 2, $"{command.P50:0.###} / {floor.P50:0.###} ms");
            report.Measured(Name, $"C=1 p99 / floor p99 [{tag}]", p99, "x", "<= 3x", p99 <= 3, $"{command.P99:0.###} / {floor.P99:0.###} ms");
        }

        if (serial.Durations.TryGetValue("review/command", out var review))
        {
            report.Measured(Name, "C=1 bot latency p99 [/review with its chart attached]", review.P99, "ms", "< 1 ms", review.P99 < 1,
                $"n={review.Count}; every /review carries the chart (multipart); {firstAsks} of {reviewAsks} asked about a review no /review had asked about before in this bot");
        }

        // What is left of each tail once the answers a garbage collection paused are set aside: how much of it is the collector's.
        foreach (var tag in new[] { "review/command", "episode/command" })
        {
            if (serial.Durations.TryGetValue(tag, out var all) && serial.UncollectedDurations?.TryGetValue(tag, out var uncollected) == true)
            {
                report.Measured(Name, $"C=1 bot latency p99 [{tag}, no collection during it]", uncollected.P99, "ms", "", null,
                    $"p50 {uncollected.P50:0.###} ms, p99 {uncollected.P99:0.###} ms over {uncollected.Count} of {all.Count}: the others had a collection land on them");
            }
        }
    }

    /// <summary>Asks the plan once (so every answer has been built), then five times more one at a time: time and allocation per interaction.</summary>
    private static async Task RepeatAsync(LoadReport report, BotRig rig, IInteractionDriver driver, LatencySummary? floor, string label, string tag, Func<List<PlannedInteraction>> plan, string what)
    {
        // Twice: the bot keeps an answer from its second ask on, so the third is the first answered from what was kept.
        await driver.RunAsync(plan(), 1, TimeSpan.FromSeconds(120));
        await driver.RunAsync(plan(), 1, TimeSpan.FromSeconds(120));
        await rig.Bot.ResetDurationsAsync();
        var before = await rig.Bot.StatsAsync();
        var refusedBefore = rig.Fake.RateLimitedResponses;
        var repeat = await driver.RunAsync([.. Enumerable.Range(0, 5).SelectMany(_ => plan())], 1, TimeSpan.FromSeconds(120));
        var after = await rig.Bot.StatsAsync();
        if (!after.Durations.TryGetValue(tag, out var repeated))
        {
            return;
        }

        // A 429 means the bot sent a callback again while these were measured (its retry after the wait
        // Discord asked for): its bytes and its time are then in these figures though no answer here caused them.
        var refused = rig.Fake.RateLimitedResponses - refusedBefore;
        report.Measured(Name, $"C=1 callbacks refused with 429 [{label}]", refused, "responses", "0", refused == 0, "while the time and bytes above were measured");
        var kb = AllocatedKb(before, after, repeat.Answered);
        var p50 = repeated.P50 / (floor?.P50 ?? double.NaN);
        var p99 = repeated.P99 / (floor?.P99 ?? double.NaN);
        report.Measured(Name, $"C=1 bot latency p50 [{label}]", repeated.P50, "ms", "", null, $"{p50:0.00}x the floor");
        report.Measured(Name, $"C=1 bot latency p99 [{label}]", repeated.P99, "ms", "< 1 ms", repeated.P99 < 1, $"n={repeated.Count}; {what}; {p99:0.00}x the floor");
        report.Measured(Name, $"C=1 p50 / floor p50 [{label}]", p50, "x", "<= 2x", p50 <= 2);
        report.Measured(Name, $"C=1 p99 / floor p99 [{label}]", p99, "x", "<= 3x", p99 <= 3);
        // A new plan per round, not one plan repeated: each interaction has its own id and token, as
        // Discord sends them. A callback sent twice for one interaction is refused with a 429 once the
        // fake's per-interaction bucket is spent, and the bot's retries then ran into the next phase.
        var rounds = TypeSample / plan().Count;
        report.Measured(Name, $"C=1 allocated per interaction [{label}]", kb, "KB", "< 8 KB", kb < 8,
            "by type: " + await TypesAsync(rig, driver, [.. Enumerable.Range(0, rounds).SelectMany(_ => plan())]));
    }

    /// <summary>
    /// How many interactions the allocation types are sampled over: the runtime ticks once per about
    /// 100 KB, so a few hundred interactions of a few KB give a few dozen ticks, too few to rank types.
    /// </summary>
    private const int TypeSample = 2_000;

    /// <summary>Runs <paramref name="plan"/> with the bot sampling its allocations (apart from the runs that count bytes and time, since sampling costs a little) and names the types most allocated.</summary>
    private static async Task<string> TypesAsync(BotRig rig, IInteractionDriver driver, List<PlannedInteraction> plan)
    {
        await rig.Bot.StartAllocationSampleAsync();
        await driver.RunAsync(plan, 1, TimeSpan.FromSeconds(120));
        return string.Join(", ", (await rig.Bot.AllocationsAsync()).Select(s => $"{ShortTypeName(s.Type)} {s.Percent:0}%"));
    }

    /// <summary>"System.Byte[]" as "Byte[]", an async method's box as the method's class and name.</summary>
    private static string ShortTypeName(string type)
    {
        var shorter = System.Text.RegularExpressions.Regex.Replace(type, @"[A-Za-z0-9_`]+\.|`\d|\+<|>d__\d+", m => m.Value == "+<" ? "." : "");
        return shorter.Length <= 90 ? shorter : shorter[..90] + "…";
    }

    private static double AllocatedKb(Agent.AgentStats before, Agent.AgentStats after, int answered) =>
        (after.AllocatedBytes - before.AllocatedBytes) / 1024.0 / Math.Max(1, answered);

    /// <summary>The reviews the /review commands of a plan ask about, in order.</summary>
    private static IEnumerable<int> ReviewsAskedBy(List<PlannedInteraction> plan, List<int> reviews) =>
        plan.Select((p, i) => (p.Kind, Review: reviews[i])).Where(p => p.Kind == Workload.Review).Select(p => p.Review);
}
