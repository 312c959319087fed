using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Sources;

/// <summary>The <c>Feeds</c> configuration section.</summary>
/// <remarks>
/// Every setting is checked in <see cref="Validate"/> rather than by <c>[Range]</c>: for a TimeSpan that
/// attribute converts its bounds through a TypeConverter found by reflection, which trimming cannot keep,
/// and for any type its message names the class and property instead of the setting (<see cref="NumberSetting"/>).
/// </remarks>
public sealed class FeedsOptions : IValidatableObject
{
    public const string SectionName = "Feeds";

    /// <summary>The feeds to poll. Empty: feed polling is off.</summary>
    public List<FeedSourceOptions> Sources { get; set; } = [];

    /// <summary>How often a feed without its own interval is polled.</summary>
    public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Up to this fraction of the interval is added at random, so feeds do not all poll at once.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>The whole request, headers and body, must finish within this.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest <see cref="RequestTimeout"/> allowed.</summary>
    public static readonly TimeSpan LongestRequestTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait between polls of a feed that keeps failing.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    public int MaxConcurrentPolls { get; set; } = 4;

    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Only a feed's first this many items are read at a poll (feeds list the newest first); the rest
    /// are reported as skipped. Each item read costs an import and a remembered row, so a feed listing
    /// tens of thousands of guids must not cost that at every poll. Real feeds list 10 to a few hundred.
    /// </summary>
    public int MaxItemsPerPoll { get; set; } = 1000;

    /// <summary>
    /// Non-public addresses feeds may still be fetched from (loopback, private, link-local...): IP
    /// addresses, CIDR ranges or host names. Empty: only public addresses, for the first URL and
    /// every redirect alike.
    /// </summary>
    public List<string> AllowedPrivateAddresses { get; set; } = [];

    /// <summary>The range of a feed's poll interval, its own or <see cref="DefaultPollInterval"/>.</summary>
    public static readonly TimeSpan ShortestPollInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc cref="ShortestPollInterval"/>
    public static readonly TimeSpan LongestPollInterval = TimeSpan.FromDays(7);

    public TimeSpan IntervalFor(FeedSourceOptions source) => source.PollInterval ?? DefaultPollInterval;

    /// <summary>
    /// The furthest off these settings ever schedule <paramref name="source"/>'s next poll: its interval
    /// or the longest backoff, whichever is longer, with the most jitter. A next poll saved further off
    /// than this came from other settings (or a clock that jumped) and is not waited for.
    /// </summary>
    public TimeSpan LongestWaitFor(FeedSourceOptions source)
    {
        var longest = IntervalFor(source) > MaxBackoff ? IntervalFor(source) : MaxBackoff;
        return longest * (1 + Jitter);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var limits = new[]
        {
            TimeSpanSetting.Check(DefaultPollInterval, ShortestPollInterval, LongestPollInterval, SectionName, nameof(DefaultPollInterval)),
            TimeSpanSetting.Check(RequestTimeout, TimeSpan.FromSeconds(1), LongestRequestTimeout, SectionName, nameof(RequestTimeout)),
            TimeSpanSetting.Check(MaxBackoff, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), SectionName, nameof(MaxBackoff)),
            NumberSetting.Check(Jitter, 0.0, 1.0, SectionName, nameof(Jitter)),
            NumberSetting.Check(MaxConcurrentPolls, 1, 64, SectionName, nameof(MaxConcurrentPolls)),
            NumberSetting.Check(MaxBodyBytes, 1024, 100 * 1024 * 1024, SectionName, nameof(MaxBodyBytes)),
            NumberSetting.Check(MaxRedirects, 0, 20, SectionName, nameof(MaxRedirects)),
            NumberSetting.Check(MaxItemsPerPoll, 1, 100_000, SectionName, nameof(MaxItemsPerPoll)),
        };
        return limits.OfType<ValidationResult>();
    }
}

/// <summary>Checks <see cref="FeedsOptions"/>' attributes and <see cref="FeedsOptions.Validate"/> at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class FeedsOptionsAttributeValidator : IValidateOptions<FeedsOptions>;

/// <summary>One feed: its URL and, optionally, its own poll interval.</summary>
public sealed class FeedSourceOptions
{
    public string Url { get; set; } = "";

    public TimeSpan? PollInterval { get; set; }
}
