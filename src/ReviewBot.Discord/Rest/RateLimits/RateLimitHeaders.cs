using System.Globalization;
using System.Net.Http.Headers;

namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// The X-RateLimit-* headers of one response (docs: Rate Limits, "Header Format"). Reset-After is
/// used rather than Reset so a skewed local clock does not matter.
/// </summary>
internal sealed record RateLimitHeaders(
    int? Limit,
    int? Remaining,
    TimeSpan? ResetAfter,
    string? Bucket,
    bool Global,
    string? Scope,
    TimeSpan? RetryAfter)
{
    public bool HasBucketState => Limit is not null && Remaining is not null && ResetAfter is not null;

    public static RateLimitHeaders Parse(HttpResponseHeaders headers) =>
        new(
            ReadInt(headers, "X-RateLimit-Limit"),
            ReadInt(headers, "X-RateLimit-Remaining"),
            ReadSeconds(headers, "X-RateLimit-Reset-After"),
            Read(headers, "X-RateLimit-Bucket"),
            string.Equals(Read(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
            Read(headers, "X-RateLimit-Scope"),
            ReadSeconds(headers, "Retry-After"));

    private static string? Read(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        int.TryParse(Read(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ReadSeconds(HttpResponseHeaders headers, string name) =>
        double.TryParse(Read(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
