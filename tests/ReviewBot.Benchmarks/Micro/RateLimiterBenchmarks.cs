using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord.Rest.RateLimits;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// The limiter's decision for one request whose bucket is known and has room: find the bucket
/// (route + major parameter), reserve a slot in it, then (non-interaction routes) a global slot,
/// and release it as the answer would. This is the overhead every REST call pays before the socket.
/// The clock advances one second per reading, so no window is ever full and nothing waits: the
/// benchmark measures the bookkeeping, not the limits.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class RateLimiterBenchmarks
{
    private readonly FakeTimeProvider _time = new() { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
    private DiscordRateLimiter _limiter = null!;
    private RestRoute _message = null!;
    private RestRoute _callback = null!;

    [GlobalSetup]
    public void Setup()
    {
        _limiter = new DiscordRateLimiter(_time, NullLoggerFactory.Instance);
        _message = RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", "/channels/1300000000000000002/messages", "1300000000000000002");
        _callback = RestRoute.Interaction(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback",
            "/interactions/1200000000000000001/token/callback", "1200000000000000001");

        // As after the first answers: both buckets learned (5 per 1 s).
        _limiter.Buckets.Learn(_message, "aaaa").Update(5, 5, TimeSpan.FromSeconds(1), _time.GetUtcNow());
        _limiter.Buckets.Learn(_callback, "bbbb").Update(5, 5, TimeSpan.FromSeconds(1), _time.GetUtcNow());
    }

    [Benchmark(Baseline = true)]
    public async Task ChannelMessage()
    {
        var bucket = _limiter.Buckets.Get(_message);
        await bucket.AcquireAsync(CancellationToken.None);
        await _limiter.Global.AcquireAsync(CancellationToken.None);
        _limiter.Global.Release();
    }

    /// <summary>Interaction callbacks skip the global limit.</summary>
    [Benchmark]
    public async Task InteractionCallback()
    {
        var bucket = _limiter.Buckets.Get(_callback);
        await bucket.AcquireAsync(CancellationToken.None);
    }
}
