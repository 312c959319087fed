using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Core.Sources;

/// <summary>The <c>Feeds</c> configuration section.</summary>
public sealed class FeedsOptions
{
    public const string SectionName = "Feeds";

    /// <summary>The feeds to poll. Empty: feed polling is off.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];

    /// <summary>How often a feed without its own interval is polled.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Up to this fraction of the interval is added at random, so feeds do not all poll at once.</summary>
    [Range(0.0, 1.0)]
    public double Jitter { get; set; } = 0.1;

    /// <summary>The whole request, headers and body, must finish within this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between polls of a feed that keeps failing.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    [Range(1, 64)]
    public int MaxConcurrentPolls { get; set; } = 4;

    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Non-public addresses feeds may still be fetched from (loopback, private, link-local...): IP
    /// addresses, CIDR ranges or host names. Empty: only public addresses, for the first URL and
    /// every redirect alike.
    /// </summary>
    public List<string> AllowedPrivateAddresses { get; set; } = [];

    public TimeSpan IntervalFor(FeedSourceOptions source) => source.PollInterval ?? DefaultPollInterval;
}

/// <summary>One feed: its URL and, optionally, its own poll interval.</summary>
public sealed class FeedSourceOptions
{
    public string Url { get; set; } = "";

    public TimeSpan? PollInterval { get; set; }
}
