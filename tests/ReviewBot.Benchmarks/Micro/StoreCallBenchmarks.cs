using BenchmarkDotNet.Attributes;
using Dapper;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// The SQLite calls /review and /episode make, one by one, in a store of 10,000 reviews: what each
/// costs on its own (a pooled open with its PRAGMAs, the channel-context write, the review load,
/// the show index's freshness check).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class StoreCallBenchmarks
{
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private SqliteConnectionFactory _connections = null!;
    private ChannelContextStore _contexts = null!;
    private ReviewStore _reviews = null!;
    private ShowTitleIndex _index = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = StoreGenerator.CreateAsync(new StoreSize(10_000, 10_000, 10), CancellationToken.None).GetAwaiter().GetResult();
        _core = new CoreServices(_store.DatabasePath);
        _connections = _core.Get<SqliteConnectionFactory>();
        _contexts = _core.Get<ChannelContextStore>();
        _reviews = _core.Get<ReviewStore>();
        _index = _core.Get<ShowTitleIndex>();
        _ = _index.GetAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
    }

    [Benchmark]
    public async Task Open()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
    }

    [Benchmark]
    public async Task<long> OpenAndSelectOne()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT 1");
    }

    /// <summary>The same channel asking about the same show again.</summary>
    [Benchmark]
    public Task ContextUnchanged() => _contexts.SetAsync("bench", 1, CancellationToken.None);

    /// <summary>A channel switching shows: a real write.</summary>
    [Benchmark]
    public Task ContextChanged() => _contexts.SetAsync("bench-2", 1 + (_next++ % 2), CancellationToken.None);

    [Benchmark]
    public Task<StoredReview?> LoadReview() => _reviews.GetForShowAsync(1 + (_next++ % 1000), null, CancellationToken.None);

    [Benchmark]
    public ValueTask<ShowIndex> IndexFreshness() => _index.GetAsync(CancellationToken.None);
}
