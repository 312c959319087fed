using System.Diagnostics;
using System.Globalization;
using FakeDiscord;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// Each published bot, taking turns so that the machine's noise falls on both alike: the size of
/// what is deployed, process start to READY on the 10,000-review store (migrations already applied),
/// and a cold <c>ask "/review metallic-rouge"</c> from process start to exit; medians of several.
/// </summary>
public static class ExternalStartupScenario
{
    public const int Starts = 5;
    public const string AskedCommand = "/review metallic-rouge";

    /// <summary>In the answer when it is the review (the generated store imports the sample), not a "not found".</summary>
    private const string ExpectedTitle = "Metallic Rouge";

    public static async Task RunAsync(IReadOnlyList<BotExecutable> executables, GeneratedStore store, LoadReport report)
    {
        foreach (var executable in executables)
        {
            var scenario = Scenario(executable);
            report.Measured(scenario, "executable file", executable.FileBytes / 1048576.0, "MB", "", null, $"{(executable.IsNative ? "native" : "apphost")}: {executable.Path}");
            report.Measured(scenario, "published folder", executable.FolderBytes / 1048576.0, "MB", "", null, "everything beside the executable but debug symbols; a framework-dependent build also needs the shared .NET runtime installed");
        }

        var ready = executables.ToDictionary(e => e.Name, _ => new List<double>());
        var asks = executables.ToDictionary(e => e.Name, _ => new List<double>());
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < Starts; round++)
        {
            foreach (var executable in executables.Where(e => !failed.ContainsKey(e.Name)))
            {
                var (rig, reason) = await ExternalRig.StartAsync(executable, store.DatabasePath);
                if (rig is null)
                {
                    failed[executable.Name] = reason!;
                    continue;
                }

                await using (rig)
                {
                    ready[executable.Name].Add(rig.StartToReady.TotalMilliseconds);
                }

                var (askMs, error) = await ColdAskAsync(executable, store.DatabasePath);
                if (error is not null)
                {
                    failed[executable.Name] = error;
                    continue;
                }

                asks[executable.Name].Add(askMs);
            }
        }

        foreach (var executable in executables)
        {
            var scenario = Scenario(executable);
            if (failed.TryGetValue(executable.Name, out var reason))
            {
                report.NotAvailable(scenario, reason);
                continue;
            }

            // The targets are the native executable's; a JIT build is measured beside it, not held to them.
            var native = executable.IsNative;
            var startMs = Median(ready[executable.Name]);
            report.Measured(scenario, $"start to READY, 10,000-review store (median of {Starts})", startMs, "ms",
                native ? "< 300 ms" : "", native ? startMs < 300 : null, Runs(ready[executable.Name]));
            var askMs = Median(asks[executable.Name]);
            report.Measured(scenario, $"cold ask \"{AskedCommand}\", start to exit (median of {Starts})", askMs, "ms",
                native ? "< 100 ms" : "", native ? askMs < 100 : null, Runs(asks[executable.Name]));
        }
    }

    public static string Scenario(BotExecutable executable) => $"startup[{executable.Name}]";

    /// <summary>The ask verb as an operator types it, on the same store; its wall time from process start to exit.</summary>
    private static async Task<(double Milliseconds, string? Error)> ColdAskAsync(BotExecutable executable, string databasePath)
    {
        var clock = Stopwatch.StartNew();
        await using var ask = ExternalBot.Start(executable, ["ask", AskedCommand], ExternalRig.Settings(databasePath, null, new FakeDiscordOptions(), null));
        var exit = await ask.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return exit == 0 && ask.Output.Contains(ExpectedTitle, StringComparison.Ordinal)
            ? (elapsed, null)
            : (0, $"ask exited {exit?.ToString(CultureInfo.InvariantCulture) ?? "not within 30 s"} without the review; last lines: {ask.LogTail}");
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    internal static string Runs(IEnumerable<double> values) =>
        "runs: " + string.Join(", ", values.Select(v => v.ToString("N1", CultureInfo.InvariantCulture)));
}
