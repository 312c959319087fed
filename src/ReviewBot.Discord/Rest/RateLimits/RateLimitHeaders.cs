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

    /// <param name="now">The local time, for a Retry-After given as a date in an answer without a Date header.</param>
    public static RateLimitHeaders Parse(HttpResponseHeaders headers, DateTimeOffset? now = null) =>
        new(
            ReadInt(headers, "X-RateLimit-Limit"),
            ReadInt(headers, "X-RateLimit-Remaining"),
            ReadSeconds(headers, "X-RateLimit-Reset-After"),
            Read(headers, "X-RateLimit-Bucket"),
            string.Equals(Read(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
            Read(headers, "X-RateLimit-Scope"),
            ReadSeconds(headers, "Retry-After") ?? ReadRetryDate(headers, now));

    /// <summary>
    /// Retry-After as an HTTP date, which HTTP allows beside seconds (a proxy in front of the API may
    /// send one): the time from the answer's own Date to it, so a skewed local clock does not count.
    /// Read as seconds only, it fell back to a wait of a second, and retries went on into the limit.
    /// </summary>
    private static TimeSpan? ReadRetryDate(HttpResponseHeaders headers, DateTimeOffset? now) =>
        Read(headers, "Retry-After") is { } text
        && DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
        && (headers.Date ?? now) is { } from
            ? Seconds(Math.Max(0, (until - from).TotalSeconds))
            : null;

    private static string? Read(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        int.TryParse(Read(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ReadSeconds(HttpResponseHeaders headers, string name) =>
        double.TryParse(Read(headers, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? Seconds(seconds) : null;

    /// <summary>
    /// The longest wait any answer can ask for. Discord's longest limits last minutes (an IP ban from
    /// the invalid request limit about an hour: docs: Rate Limits, "Invalid Request Limit"); a larger
    /// number is a broken answer, and taken as it is it would overflow a TimeSpan, a date or a timer
    /// (whose longest due time is about 49 days).
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>
    /// A duration in seconds as Discord writes them (fractions allowed: docs: Rate Limits, "Header Format"),
    /// from a header or a 429's retry_after alike: null when negative or not a number, at most <see cref="MaxWait"/>.
    /// </summary>
    public static TimeSpan? Seconds(double seconds) =>
        double.IsNaN(seconds) || seconds < 0 ? null
        : seconds >= MaxWait.TotalSeconds ? MaxWait
        : TimeSpan.FromSeconds(seconds);
}
