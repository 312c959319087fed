namespace FakeDiscord.Rest;

/// <summary>Outcome of the fake's own rate-limit check.</summary>
internal sealed record RateLimitDecision(bool Allowed, string Scope, TimeSpan RetryAfter, BucketState? Bucket);

/// <summary>What the X-RateLimit-* headers of an answer say.</summary>
internal sealed record BucketState(string Hash, int Limit, int Remaining, TimeSpan ResetAfter, DateTimeOffset ResetAt);

/// <summary>
/// Enforces Discord's limits on the fake side: a fixed window per bucket hash + major parameter,
/// and 50 requests per sliding second globally except for interaction routes. Every 429 it has to
/// send is counted, so a test can prove the client never needed one.
/// </summary>
internal sealed class FakeRateLimiter(FakeDiscordOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();

    public int TooManyRequests { get; private set; }

    public RateLimitDecision Check(FakeRoute route, string majorParameter)
    {
        var now = options.RestTimeProvider.GetUtcNow();
        var (limit, resetAfter) = LimitFor(route);
        var hash = options.SharedBuckets.TryGetValue(route.Name, out var shared) ? shared : BucketHash(route.Name);
        lock (_lock)
        {
            if (!route.IsInteraction)
            {
                while (_global.Count > 0 && now - _global.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _global.Dequeue();
                }

                if (_global.Count >= Scaled(options.GlobalLimitPerSecond))
                {
                    TooManyRequests++;
                    return new RateLimitDecision(false, "global", _global.Peek() + TimeSpan.FromSeconds(1) - now, null);
                }
            }

            var key = $"{hash}|{majorParameter}";
            if (!_buckets.TryGetValue(key, out var window) || now >= window.ResetAt)
            {
                window = new Window(now + resetAfter, 0);
            }

            if (window.Used >= limit)
            {
                TooManyRequests++;
                var state = new BucketState(hash, limit, 0, window.ResetAt - now, window.ResetAt);
                return new RateLimitDecision(false, "user", window.ResetAt - now, state);
            }

            if (!route.IsInteraction)
            {
                _global.Enqueue(now);
            }

            window = window with { Used = window.Used + 1 };
            _buckets[key] = window;
            return new RateLimitDecision(true, "", TimeSpan.Zero, new BucketState(hash, limit, limit - window.Used, window.ResetAt - now, window.ResetAt));
        }
    }

    private (int Limit, TimeSpan ResetAfter) LimitFor(FakeRoute route) =>
        options.RouteLimits.TryGetValue(route.Name, out var custom)
            ? (Scaled(custom.Limit), custom.ResetAfter)
            : (Scaled(options.RouteLimit), options.RouteResetAfter);

    private int Scaled(int limit) => Math.Max(1, (int)(limit * options.RateLimitScale));

    /// <summary>An opaque hash per route, shaped like Discord's (hex).</summary>
    private static string BucketHash(string routeName) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(routeName)))[..32];

    private sealed record Window(DateTimeOffset ResetAt, int Used);
}
