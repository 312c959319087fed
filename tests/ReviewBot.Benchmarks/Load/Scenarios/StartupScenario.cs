using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// Host start to READY: once on an empty database (every migration applied, samples seeded) and
/// three times on the generated 10,000-review store (migrations checked, nothing pending).
/// </summary>
public static class StartupScenario
{
    public const string Name = "startup";

    public static async Task RunAsync(GeneratedStore store, LoadReport report)
    {
        var coldFolder = Path.Combine(Path.GetTempPath(), "reviewbot-bench", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(coldFolder);
        try
        {
            var (cold, reason) = await BotRig.StartAsync(Path.Combine(coldFolder, "empty.db"), seedSamples: true);
            if (cold is null)
            {
                report.NotAvailable(Name, reason!);
                return;
            }

            await using (cold)
            {
                report.Measured(Name, "start to READY, empty database (all migrations + sample seed)", cold.StartToReady.TotalMilliseconds, "ms", "< 1,500 ms", cold.StartToReady.TotalMilliseconds < 1500);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(coldFolder, recursive: true);
        }

        var warm = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var (rig, reason) = await BotRig.StartAsync(store.DatabasePath);
            if (rig is null)
            {
                report.NotAvailable(Name + " (10k store)", reason!);
                return;
            }

            await using (rig)
            {
                warm.Add(rig.StartToReady.TotalMilliseconds);
            }
        }

        var median = warm.Order().ElementAt(1);
        report.Measured(Name, "start to READY, 10,000-review store (median of 3)", median, "ms", "< 1,500 ms", median < 1500,
            $"runs: {string.Join(", ", warm.Select(w => w.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }
}
