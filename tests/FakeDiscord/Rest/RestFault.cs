namespace FakeDiscord.Rest;

/// <summary>The scope a fake 429 claims (X-RateLimit-Scope).</summary>
public enum RateLimitScope
{
    User,
    Global,
    Shared,
}

/// <summary>A fault to answer instead of the normal response, for the next <see cref="Times"/> matching requests.</summary>
/// <param name="Route">"METHOD /template" (OpenAPI names) or null for any route.</param>
/// <param name="Status">HTTP status to answer; 429 for rate limits.</param>
/// <param name="Code">Discord's JSON error code.</param>
/// <param name="Scope">For 429s.</param>
/// <param name="RetryAfter">For 429s.</param>
/// <param name="Latency">Delay before answering (for a latency-only fault <see cref="Status"/> is 0).</param>
/// <param name="FromCloudflare">A 429 from Cloudflare in front of the API (an IP ban): an HTML page and Retry-After, no X-RateLimit-* headers.</param>
public sealed record RestFault(
    string? Route,
    int Status,
    int Code = 0,
    string Message = "",
    RateLimitScope Scope = RateLimitScope.User,
    TimeSpan RetryAfter = default,
    TimeSpan Latency = default,
    int Times = 1,
    bool FromCloudflare = false);

/// <summary>Faults queued by tests, consumed in order by matching requests.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<(RestFault Fault, int Left)> _faults = [];

    public int Answered { get; private set; }

    public void Add(RestFault fault)
    {
        lock (_lock)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    /// <summary>Takes one use of the first fault matching the route; latency-only faults are taken separately.</summary>
    public RestFault? Take(string routeName, bool latency)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, left) = _faults[i];
                if ((fault.Status == 0) != latency || (fault.Route is not null && !string.Equals(fault.Route, routeName, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (left <= 1)
                {
                    _faults.RemoveAt(i);
                }
                else
                {
                    _faults[i] = (fault, left - 1);
                }

                if (!latency)
                {
                    Answered++;
                }

                return fault;
            }

            return null;
        }
    }
}
