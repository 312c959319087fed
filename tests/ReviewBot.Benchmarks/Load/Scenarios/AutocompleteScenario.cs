using System.Diagnostics;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// Per-call latency of show autocomplete over 50,000 titles, keystroke by keystroke (every prefix
/// of randomly chosen titles), called in-process on one thread: the distribution behind the
/// "autocomplete p99 under 2 ms" target, without the gateway and HTTP around it.
/// </summary>
public static class AutocompleteScenario
{
    public const string Name = "autocomplete";

    public static async Task RunAsync(LoadReport report, int calls = 600)
    {
        using var store = await StoreGenerator.CreateAsync(new StoreSize(50_000, 100, 1), CancellationToken.None);
        await using var core = new CoreServices(store.DatabasePath);
        var suggester = core.Get<ShowTitleSuggester>();
        await suggester.SuggestAsync("", ShowTitleSuggester.MaxLimit, CancellationToken.None); // loads the index

        var random = new Random(11);
        var typed = new List<string>();
        while (typed.Count < calls)
        {
            var title = ShowTitles.At(random.Next(50_000)).ToLowerInvariant();
            typed.AddRange(Enumerable.Range(1, title.Length).Select(n => title[..n]));
        }

        var latencies = new List<double>(calls);
        var fuzzy = 0;
        foreach (var text in typed.Take(calls))
        {
            var clock = Stopwatch.StartNew();
            var choices = await suggester.SuggestAsync(text, ShowTitleSuggester.MaxLimit, CancellationToken.None);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (choices.Count(c => c.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase)) < ShowTitleSuggester.MaxLimit)
            {
                fuzzy++; // fewer than 25 prefix matches: the suggester scored every title
            }
        }

        var summary = LatencySummary.Of(latencies)!;
        report.Measured(Name, "suggest p50 (50,000 titles, keystrokes)", summary.P50, "ms");
        report.Measured(Name, "suggest p99", summary.P99, "ms", "< 2 ms", summary.P99 < 2, $"n={summary.Count}; {fuzzy} of them took the fuzzy path");
        report.Measured(Name, "suggest max", summary.Max, "ms");
    }
}
