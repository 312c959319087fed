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
        Assert.Contains(error.Failures, f => f.StartsWith("Feeds:Sources:2:PollInterval must be at least", StringComparison.Ordinal));
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
