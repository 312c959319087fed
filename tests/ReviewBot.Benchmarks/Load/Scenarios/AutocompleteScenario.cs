using System.Diagnostics;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// Per-call latency of show autocomplete over 50,000 titles, keystroke by keystroke (every prefix
/// of randomly chosen titles), called in-process on one thread: the distribution behind the
/// "autocomplete p99 under 2 ms" target, without the gateway and HTTP around it. The keystroke set
/// runs once unmeasured first (JIT tiers, caches), then is measured. A second store of titles with
/// a wide vocabulary (tens of thousands of distinct words) is measured on the index directly.
/// </summary>
public static class AutocompleteScenario
{
    public const string Name = "autocomplete";

    public static async Task RunAsync(LoadReport report, int calls = 3000)
    {
        using var store = await StoreGenerator.CreateAsync(new StoreSize(50_000, 100, 1), CancellationToken.None);
        await using var core = new CoreServices(store.DatabasePath);
        var suggester = core.Get<ShowTitleSuggester>();
        await suggester.SuggestAsync("", ShowTitleSuggester.MaxLimit, CancellationToken.None); // loads the index

        var typed = Keystrokes(Enumerable.Range(0, 50_000).Select(ShowTitles.At).ToList(), calls);
        var latencies = new List<double>(calls);
        var fuzzy = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            latencies.Clear();
            fuzzy = 0;
            foreach (var text in typed)
            {
                var clock = Stopwatch.StartNew();
                var choices = await suggester.SuggestAsync(text, ShowTitleSuggester.MaxLimit, CancellationToken.None);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                if (choices.Count(c => c.Title.StartsWith(text, StringComparison.OrdinalIgnoreCase)) < ShowTitleSuggester.MaxLimit)
                {
                    fuzzy++; // fewer than 25 prefix matches: fuzzy scoring filled the rest
                }
            }
        }

        var summary = LatencySummary.Of(latencies)!;
        var generated = Enumerable.Range(0, 50_000).Select(i => new ShowRecord(i + 1, ShowTitles.At(i), Slug.From(ShowTitles.At(i))))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        var (_, buildMs, megabytes) = Build(generated);
        report.Measured(Name, "suggest p50 (50,000 titles, keystrokes)", summary.P50, "ms", note: $"index built in {buildMs:F0} ms, {megabytes:F1} MB");
        report.Measured(Name, "suggest p99", summary.P99, "ms", "< 2 ms", summary.P99 < 2, $"n={summary.Count}; {fuzzy} of them took the fuzzy path");
        report.Measured(Name, "suggest max", summary.Max, "ms");

        WideVocabulary(report, calls);
    }

    private static void WideVocabulary(LoadReport report, int calls)
    {
        var titles = WideVocabularyTitles.Create(50_000);
        var shows = titles.Select((t, i) => new ShowRecord(i + 1, t, Slug.From(t)))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        var (index, buildMs, megabytes) = Build(shows);
        var words = titles.SelectMany(t => Slug.From(t).Split('-')).Distinct().Count();

        var typed = Keystrokes(titles, calls);
        var latencies = new List<double>(calls);
        for (var pass = 0; pass < 2; pass++)
        {
            latencies.Clear();
            foreach (var text in typed)
            {
                var clock = Stopwatch.StartNew();
                _ = index.Suggest(text, ShowTitleSuggester.MaxLimit);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var summary = LatencySummary.Of(latencies)!;
        report.Measured(Name, $"wide vocabulary ({words:N0} words) suggest p50", summary.P50, "ms", note: $"index built in {buildMs:F0} ms, {megabytes:F1} MB");
        report.Measured(Name, "wide vocabulary suggest p99", summary.P99, "ms", "< 2 ms", summary.P99 < 2, $"n={summary.Count}");
        report.Measured(Name, "wide vocabulary suggest max", summary.Max, "ms");
    }

    /// <summary>Builds the index, timing it and weighing what it keeps (heap after a full collection, before and after).</summary>
    private static (ShowIndex Index, double Milliseconds, double Megabytes) Build(List<ShowRecord> shows)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = ShowIndex.Build(shows);
        var milliseconds = clock.Elapsed.TotalMilliseconds;
        var megabytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1e6;
        GC.KeepAlive(shows);
        return (index, milliseconds, megabytes);
    }

    /// <summary>Every prefix of randomly chosen titles, lowercased, until there are <paramref name="calls"/>.</summary>
    private static List<string> Keystrokes(IReadOnlyList<string> titles, int calls)
    {
        var random = new Random(11);
        var typed = new List<string>(calls);
        while (typed.Count < calls)
        {
            var title = titles[random.Next(titles.Count)].ToLowerInvariant();
            typed.AddRange(Enumerable.Range(1, title.Length).Select(n => title[..n]));
        }

        return typed.Take(calls).ToList();
    }
}
