using System.Collections.Concurrent;

namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Maps routes to buckets. Until Discord names a route's bucket (X-RateLimit-Bucket) the route
/// template stands in for the hash; once learned, every route sharing that hash shares one bucket
/// per major parameter (docs: "routes may share limits"). Every interaction token makes its own
/// buckets, so idle ones are swept now and then to keep a long-running bot's memory flat.
/// </summary>
internal sealed class BucketRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _hashByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RouteBucket> _buckets = new(StringComparer.Ordinal);
    private long _lookups;
    private long _lastSweep = time.GetTimestamp();

    private const int SweepEvery = 1024;

    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A sweep walks every bucket, and a fan-out makes one per channel: counted in lookups alone, sweeps
    /// would grow with the square of the channels. A bucket is swept only after minutes idle, so sweeping
    /// more often than this finds nothing more.
    /// </summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    public int Count => _buckets.Count;

    public RouteBucket Get(RestRoute route)
    {
        if (Interlocked.Increment(ref _lookups) % SweepEvery == 0 && SweepIsDue())
        {
            Sweep();
        }

        var hash = _hashByRoute.TryGetValue(route.Name, out var learned) ? learned : route.Name;
        return _buckets.GetOrAdd(Key(hash, route.MajorParameter), _ => new RouteBucket(time));
    }

    /// <summary>Records the route's bucket hash and returns the (possibly re-keyed) bucket.</summary>
    public RouteBucket Learn(RestRoute route, string bucketHash)
    {
        _hashByRoute[route.Name] = bucketHash;
        return Get(route);
    }

    public string? HashOf(RestRoute route) => _hashByRoute.TryGetValue(route.Name, out var hash) ? hash : null;

    /// <summary>Forgets the route's bucket now (under its template and under a learned hash), e.g. after a one-shot route's only request.</summary>
    public void Forget(RestRoute route)
    {
        _buckets.TryRemove(Key(route.Name, route.MajorParameter), out _);
        if (HashOf(route) is { } hash)
        {
            _buckets.TryRemove(Key(hash, route.MajorParameter), out _);
        }
    }

    /// <summary>
    /// Forgets idle buckets. A caller holding a swept bucket still works with it; the route simply
    /// learns its limit again on the next request.
    /// </summary>
    internal void Sweep()
    {
        var cutoff = time.GetUtcNow() - IdleAfter;
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsIdleSince(cutoff))
            {
                _buckets.TryRemove(new KeyValuePair<string, RouteBucket>(key, bucket));
            }
        }
    }

    /// <summary>True for one caller once <see cref="SweepInterval"/> has passed since the last sweep.</summary>
    private bool SweepIsDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        var now = time.GetTimestamp();
        return time.GetElapsedTime(last, now) >= SweepInterval && Interlocked.CompareExchange(ref _lastSweep, now, last) == last;
    }

    private static string Key(string hash, string majorParameter) => $"{hash}|{majorParameter}";
}
