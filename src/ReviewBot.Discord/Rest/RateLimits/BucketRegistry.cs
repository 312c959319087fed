using System.Collections.Concurrent;

namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Maps routes to buckets. Until Discord names a route's bucket (X-RateLimit-Bucket) the route
/// template stands in for the hash; once learned, every route sharing that hash shares one bucket
/// per major parameter (docs: "routes may share limits").
/// </summary>
internal sealed class BucketRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, string> _hashByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RouteBucket> _buckets = new(StringComparer.Ordinal);

    public RouteBucket Get(RestRoute route)
    {
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

    private static string Key(string hash, string majorParameter) => $"{hash}|{majorParameter}";
}
