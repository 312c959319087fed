using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// The real feed poller (AddReviewSources: FeedFetcher's HttpClient, FeedStateStore on SQLite) over
/// <see cref="FeedCount"/> feeds on a loopback <see cref="FeedServer"/>, each already polled once
/// (its ETag stored, first poll done), so every poll is the conditional GET answered 304.
/// </summary>
public sealed class FeedPollRig : IAsyncDisposable
{
    public const int FeedCount = 100;

    private FeedServer _server = null!;
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private FeedPoller _poller = null!;
    private IReadOnlyList<FeedSourceOptions> _sources = [];

    public static async Task<FeedPollRig> StartAsync()
    {
        var rig = new FeedPollRig { _server = await FeedServer.StartAsync(items: 50) };
        rig._store = await StoreGenerator.CreateAsync(new StoreSize(1, 0, 0), CancellationToken.None);
        rig._sources = Enumerable.Range(0, FeedCount).Select(i => new FeedSourceOptions { Url = rig._server.Feed(i).ToString() }).ToList();
        rig._core = new CoreServices(rig._store.DatabasePath, services =>
        {
            services.AddReviewSources();
            services.Configure<FeedsOptions>(o =>
            {
                o.Sources = [.. rig._sources];
                o.AllowedPrivateAddresses = ["127.0.0.1"]; // the loopback feed server
            });
        });
        rig._poller = rig._core.Get<FeedPoller>();

        var store = rig._core.Get<FeedStateStore>();
        foreach (var source in rig._sources)
        {
            await store.SaveAsync(FeedState.New(source.Url) with { ETag = FeedServer.ETag, FirstPollDone = true }, CancellationToken.None);
        }

        return rig;
    }

    /// <summary>One poll of every feed, four at a time as FeedPoller.RunAsync bounds them (Feeds:MaxConcurrentPolls).</summary>
    public async Task<int> PollAllAsync()
    {
        using var gate = new SemaphoreSlim(_core.Get<IOptions<FeedsOptions>>().Value.MaxConcurrentPolls);
        var results = await Task.WhenAll(_sources.Select(async source =>
        {
            await gate.WaitAsync();
            try
            {
                return await _poller.PollAsync(source, CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }));
        var notModified = results.Count(r => r.Status == FeedPollStatus.NotModified);
        if (notModified != results.Length)
        {
            throw new InvalidOperationException($"Expected {results.Length} polls answered 304, got {notModified}: {results.First(r => r.Status != FeedPollStatus.NotModified)}");
        }

        return notModified;
    }

    public async ValueTask DisposeAsync()
    {
        await _core.DisposeAsync();
        await _server.DisposeAsync();
        _store.Dispose();
    }
}
