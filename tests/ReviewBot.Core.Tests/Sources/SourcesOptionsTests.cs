using Microsoft.Extensions.Options;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class SourcesOptionsTests
{
    [Fact]
    public void FeedSources_BindWithDefaults()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = "https://reviews.example/feed/",
            ["Feeds:Sources:1:Url"] = "https://other.example/atom.xml",
            ["Feeds:Sources:1:PollInterval"] = "00:30:00",
        });

        var options = host.FeedsOptions;

        Assert.Equal(TimeSpan.FromMinutes(10), options.IntervalFor(options.Sources[0]));
        Assert.Equal(TimeSpan.FromMinutes(30), options.IntervalFor(options.Sources[1]));
        Assert.Equal(10 * 1024 * 1024, options.MaxBodyBytes);
        Assert.Equal(5, options.MaxRedirects);
    }

    [Fact]
    public void InvalidFeedList_FailsWithMessagesThatSayWhatToFix()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = "reviews.example/feed",
            ["Feeds:Sources:1:Url"] = "https://a.example/feed",
            ["Feeds:Sources:2:Url"] = "https://a.example/feed",
            ["Feeds:Sources:2:PollInterval"] = "00:00:10",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        Assert.Contains("Feeds:Sources:0:Url must be an absolute http(s) URL, not 'reviews.example/feed'.", error.Failures);
        Assert.Contains("Feeds:Sources:2:Url 'https://a.example/feed' is listed twice.", error.Failures);
        Assert.Contains("Feeds:Sources:2:PollInterval must be between 00:01:00 and 7.00:00:00 (was 00:00:10).", error.Failures);
    }

    /// <summary>
    /// A feed's own interval has the default's upper bound: longer than a timer can wait (about 49.7
    /// days), it would pass here and end that feed's loop at its first wait.
    /// </summary>
    [Theory]
    [InlineData("7.00:00:01")]
    [InlineData("60.00:00:00")]
    public void FeedPollIntervalLongerThanAWeek_FailsNamingTheFeedsSetting(string interval)
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = "https://reviews.example/feed/",
            ["Feeds:Sources:0:PollInterval"] = interval,
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        var failure = Assert.Single(error.Failures);
        Assert.Equal($"Feeds:Sources:0:PollInterval must be between 00:01:00 and 7.00:00:00 (was {interval}).", failure);
    }

    [Fact]
    public void FeedPollIntervalOfAWeek_IsAccepted()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = "https://reviews.example/feed/",
            ["Feeds:Sources:0:PollInterval"] = "7.00:00:00",
        });

        Assert.Equal(TimeSpan.FromDays(7), host.FeedsOptions.IntervalFor(host.FeedsOptions.Sources[0]));
    }

    [Fact]
    public void FeedUrlWithAPassword_FailsWithoutRepeatingIt()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = "https://editor:hunter2@reviews.example/feed/",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Feeds:Sources:0:Url has a user name or password in it", failure, StringComparison.Ordinal);
        Assert.Contains("give https://reviews.example/feed/ instead", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Feeds:DefaultPollInterval", "00:00:30", "Feeds:DefaultPollInterval must be between 00:01:00 and 7.00:00:00 (was 00:00:30).")]
    [InlineData("Feeds:RequestTimeout", "00:00:00", "Feeds:RequestTimeout must be between 00:00:01 and 00:10:00 (was 00:00:00).")]
    [InlineData("Feeds:MaxBackoff", "8.00:00:00", "Feeds:MaxBackoff must be between 00:01:00 and 7.00:00:00 (was 8.00:00:00).")]
    public void FeedTimeSpanOutOfRange_FailsNamingTheSettingItsRangeAndValue(string key, string value, string message)
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Reviews:InboxRescanInterval", "00:00:00", "Reviews:InboxRescanInterval must be between 00:00:01 and 1.00:00:00 (was 00:00:00).")]
    [InlineData("Reviews:InboxSettleTime", "-00:00:01", "Reviews:InboxSettleTime must be between 00:00:00 and 00:10:00 (was -00:00:01).")]
    public void InboxTimeSpanOutOfRange_FailsNamingTheSettingItsRangeAndValue(string key, string value, string message)
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<InboxOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void NumberOutOfRange_StillFailsThroughTheGeneratedValidator()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?> { ["Feeds:MaxConcurrentPolls"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        Assert.Contains(error.Failures, f => f.Contains("MaxConcurrentPolls", StringComparison.Ordinal) && f.Contains("between 1 and 64", StringComparison.Ordinal));
    }

    [Fact]
    public void Backoff_DoublesAndIsCapped()
    {
        var interval = TimeSpan.FromMinutes(10);
        var max = TimeSpan.FromHours(6);

        Assert.Equal(interval, FeedBackoff.Delay(interval, 1, max));
        Assert.Equal(TimeSpan.FromMinutes(40), FeedBackoff.Delay(interval, 3, max));
        Assert.Equal(max, FeedBackoff.Delay(interval, 50, max));
    }
}
