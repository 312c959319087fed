using Microsoft.Data.Sqlite;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Benchmarks.Load.Scenarios;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// The resident set of each published bot at rest after the guilds (GUILD_CREATE for each, as one
/// shard receives them), read from /proc once it stops moving: on an empty store, on the
/// 10,000-review store, and on that store with SQLite's own default page cache (larger than the
/// bot's), so the difference says what the cache costs. The bots take turns, several rounds; medians. What the show index costs is
/// measured here too, in this process, over the same store.
/// </summary>
public static class ExternalGuildsScenario
{
    public const int Rounds = 3;

    /// <summary>SQLite's own default page cache, which the third case sets (Storage:SqliteCacheSizeKiB).</summary>
    public const int SqliteDefaultCacheKiB = 2000;

    // Long enough for a JIT build's last background compiles and a collection; a reading that is still
    // moving then is reported as not settled rather than waited on.
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    private sealed record StoreCase(string Label, string DatabasePath, IReadOnlyDictionary<string, string>? Settings, string Target, double? TargetMb);

    private sealed record Reading(ProcMemory Before, ProcMemory After, bool Settled, int Answered);

    public static async Task RunAsync(IReadOnlyList<BotExecutable> executables, GeneratedStore store, LoadOptions options, LoadReport report)
    {
        await ShowIndexCostAsync(store, report);

        var emptyFolder = Path.Combine(Path.GetTempPath(), "reviewbot-bench", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(emptyFolder);
        try
        {
            var emptyPath = Path.Combine(emptyFolder, "empty.db");
            await using (var core = new CoreServices(emptyPath))
            {
                await core.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            SqliteConnection.ClearAllPools();
            StoreCase[] cases =
            [
                new("empty store", emptyPath, null, "< 60 MB", 60),
                new("10,000-review store", store.DatabasePath, null, "< 80 MB", 80),
                new($"10,000-review store, Storage:SqliteCacheSizeKiB={SqliteDefaultCacheKiB}", store.DatabasePath,
                    new Dictionary<string, string> { ["Storage__SqliteCacheSizeKiB"] = SqliteDefaultCacheKiB.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "", null),
            ];

            var readings = new Dictionary<(string Exe, string Store), List<Reading>>();
            var failed = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var storeCase in cases)
                {
                    foreach (var executable in executables.Where(e => !failed.ContainsKey(e.Name)))
                    {
                        var (reading, reason) = await MeasureAsync(executable, storeCase, store.Size, options.Guilds);
                        if (reading is null)
                        {
                            failed[executable.Name] = reason!;
                            continue;
                        }

                        var key = (executable.Name, storeCase.Label);
                        (readings.TryGetValue(key, out var list) ? list : readings[key] = []).Add(reading);
                    }
                }
            }

            foreach (var executable in executables)
            {
                var scenario = $"guilds[{executable.Name}]";
                if (failed.TryGetValue(executable.Name, out var reason))
                {
                    report.NotAvailable(scenario, reason);
                    continue;
                }

                foreach (var storeCase in cases)
                {
                    Report(report, scenario, executable.IsNative, storeCase, readings[(executable.Name, storeCase.Label)], options.Guilds);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(emptyFolder, recursive: true);
        }
    }

    private static void Report(LoadReport report, string scenario, bool native, StoreCase storeCase, List<Reading> runs, int guilds)
    {
        static double Mb(long bytes) => bytes / 1048576.0;
        var median = runs.OrderBy(r => r.After.RssBytes).ElementAt(runs.Count / 2);
        var settled = runs.Count(r => r.Settled);
        var note = $"median of {runs.Count}; {ExternalStartupScenario.Runs(runs.Select(r => Mb(r.After.RssBytes)))} MB; settled in {settled} of {runs.Count}; "
            + (runs.All(r => r.Answered > 0) ? "every run answered its interactions" : "a run answered no interaction");
        var rss = Mb(median.After.RssBytes);
        // The targets are the native executable's; a JIT build is measured beside it, not held to them.
        var limit = native ? storeCase.TargetMb : null;
        report.Measured(scenario, $"resident set at rest, {guilds:N0} guilds, {storeCase.Label}", rss, "MB", limit is null ? "" : storeCase.Target,
            limit is { } mb ? rss < mb : null, note);
        report.Measured(scenario, $"— anonymous / mapped files / shared, {storeCase.Label}", Mb(median.After.AnonBytes), "MB", "", null,
            $"files {Mb(median.After.FileBytes):0.0} MB, shared {Mb(median.After.ShmemBytes):0.0} MB");
        report.Measured(scenario, $"— before the guilds, {storeCase.Label}", Mb(median.Before.RssBytes), "MB", "", null,
            $"per guild {(median.After.RssBytes - median.Before.RssBytes) / 1024.0 / Math.Max(1, guilds):0.0} KB");
    }

    /// <summary>One start of one bot on one store: warm-up, at-rest reading, the guilds, at-rest reading.</summary>
    private static async Task<(Reading? Reading, string? Reason)> MeasureAsync(BotExecutable executable, StoreCase storeCase, StoreSize size, int guilds)
    {
        var (rig, reason) = await ExternalRig.StartAsync(executable, storeCase.DatabasePath, storeCase.Settings);
        if (rig is null)
        {
            return (null, reason);
        }

        await using (rig)
        {
            var driver = new InteractionDriver(rig.Fake);
            var applicationId = rig.Fake.Options.ApplicationId;

            // Caches as a running bot has them (the title index, pooled connections) before the baseline.
            var warmup = await driver.RunAsync(Workload.Mixed(200, size, applicationId, seed: 3), 8, TimeSpan.FromSeconds(60));
            var (before, _, _) = await ProcMemory.SettledAsync(rig.Bot.ProcessId, SettleTimeout);

            for (var i = 0; i < guilds; i++)
            {
                await rig.Fake.DispatchAsync("GUILD_CREATE", GuildsScenario.Guild(i));
            }

            // Dispatches are read in order: once an interaction sent after them is answered, all were read.
            var sentinel = await driver.RunAsync([Workload.Sentinel(applicationId)], 1, TimeSpan.FromSeconds(120));
            var (after, settled, _) = await ProcMemory.SettledAsync(rig.Bot.ProcessId, SettleTimeout);
            return (new Reading(before, after, settled, Math.Min(warmup.Answered, sentinel.Answered)), null);
        }
    }

    /// <summary>
    /// The show index over the store's shows, built in this process: the managed memory it keeps
    /// (the shows it holds included), after full collections before and after.
    /// </summary>
    private static async Task ShowIndexCostAsync(GeneratedStore store, LoadReport report)
    {
        await using var core = new CoreServices(store.DatabasePath);
        var shows = core.Get<ShowStore>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = await BuildAsync(shows);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        report.Measured("guilds", $"show index, {index.Count:N0} shows (in process)", (after - before) / 1048576.0, "MB", "", null,
            $"{(after - before) / (double)Math.Max(1, index.Count):N0} bytes per show; managed heap kept, measured after full collections");
        GC.KeepAlive(index);
        SqliteConnection.ClearAllPools();

        // A separate method so the loaded list is garbage once the index is built, as in the bot.
        static async Task<ShowIndex> BuildAsync(ShowStore shows) => ShowIndex.Build(await shows.GetAllAsync(CancellationToken.None));
    }
}
