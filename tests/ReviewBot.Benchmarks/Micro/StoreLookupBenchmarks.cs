using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// /review's whole query (ReviewQuery.AskAsync: resolve the show, remember the channel, load the
/// review and its episodes) in a store of 10,000 reviews, 100,000 episodes and 10,000 shows.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class StoreLookupBenchmarks
{
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private ReviewQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = StoreGenerator.CreateAsync(new StoreSize(10_000, 10_000, 10), CancellationToken.None).GetAwaiter().GetResult();
        _core = new CoreServices(_store.DatabasePath);
        _query = _core.Get<ReviewQuery>();
        if (BySlug().GetAwaiter().GetResult() is not ReviewAnswer.Found || ByFuzzyTitle().GetAwaiter().GetResult() is not ReviewAnswer.ShowNotFound)
        {
            throw new InvalidOperationException("The generated store does not answer as the benchmark expects.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ReviewAnswer> BySlug() => _query.AskAsync(new ReviewRequest("metallic-rouge", null, "bench"), CancellationToken.None);

    /// <summary>The title as people type it: other case and punctuation, still an exact match.</summary>
    [Benchmark]
    public Task<ReviewAnswer> ByTitle() => _query.AskAsync(new ReviewRequest("Metallic ROUGE!", null, "bench"), CancellationToken.None);

    /// <summary>A typo: no exact match, so every title is scored (edit distance) for the suggestions.</summary>
    [Benchmark]
    public Task<ReviewAnswer> ByFuzzyTitle() => _query.AskAsync(new ReviewRequest("metalic rogue", null, "bench"), CancellationToken.None);
}
