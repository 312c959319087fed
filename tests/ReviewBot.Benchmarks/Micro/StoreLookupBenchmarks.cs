using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// /review's whole query (ReviewQuery.AskAsync: resolve the show, remember the channel, load the
/// review and its episodes) in a store of 10,000 reviews, 100,000 episodes and 10,000 shows, with
/// SQLite's own default page cache per connection and with a small one.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class StoreLookupBenchmarks
{
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private ReviewQuery _query = null!;
    private string[] _slugs = [];
    private int _next;

    /// <summary><c>Storage:SqliteCacheSizeKiB</c>: SQLite's own default, and a small cache.</summary>
    [Params(2000, 256)]
    public int CacheKiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = StoreGenerator.CreateAsync(new StoreSize(10_000, 10_000, 10), CancellationToken.None).GetAwaiter().GetResult();
        _core = new CoreServices(_store.DatabasePath, new Dictionary<string, string?>
        {
            [ReviewBot.Core.Storage.StorageOptions.SqliteCacheSizeKey] = CacheKiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _slugs = [.. Enumerable.Range(0, 10_000).Select(i => ReviewBot.Core.Reviews.Slug.From(ShowTitles.At(i)))];
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

    /// <summary>Every call another review of the 10,000, in the store's order of shows: pages not read just before.</summary>
    [Benchmark]
    public Task<ReviewAnswer> EachTimeAnother()
    {
        _next = (_next + 7919) % _slugs.Length;
        return _query.AskAsync(new ReviewRequest(_slugs[_next], null, "bench"), CancellationToken.None);
    }

    /// <summary>A typo: no exact match, so every title is scored (edit distance) for the suggestions.</summary>
    [Benchmark]
    public Task<ReviewAnswer> ByFuzzyTitle() => _query.AskAsync(new ReviewRequest("metalic rogue", null, "bench"), CancellationToken.None);
}
