using Microsoft.AspNetCore.Http;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedPollerTests : IAsyncLifetime
{
    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private SourcesTestHost Host(string path, IDictionary<string, string?>? extra = null, SourcesTestDatabase? database = null)
    {
        var settings = new Dictionary<string, string?> { ["Feeds:Sources:0:Url"] = server.Url(path).ToString() };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new SourcesTestHost(settings, database: database);
    }

    /// <summary>A feed with the sample review and a news item, answering with ETag "v2".</summary>
    private SourcesTestHost SampleAndNewsFeed()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()), () => "\"v2\"");
        return Host("/feed/");
    }

    private static Task<FeedPollResult> PollAsync(SourcesTestHost host) =>
        host.Get<FeedPoller>().PollAsync(host.FeedsOptions.Sources[0], CancellationToken.None);

    [Fact]
    public async Task RedirectedFeed_IsReportedOncePerFinalAddress_NotAtEveryPoll()
    {
        var target = "/blog/feed/";
        server.Map("/feed/", context =>
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });
        var version = 0;
        // A new ETag each time, so every poll is a full fetch that follows the redirect.
        server.MapFeed("/blog/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => $"\"v{++version}\"");
        server.MapFeed("/new/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => $"\"v{++version}\"");
        using var host = Host("/feed/");

        for (var poll = 0; poll < 3; poll++)
        {
            Assert.Equal(FeedPollStatus.Fetched, (await PollAsync(host)).Status);
        }

        target = "/new/feed/";
        for (var poll = 0; poll < 3; poll++)
        {
            Assert.Equal(FeedPollStatus.Fetched, (await PollAsync(host)).Status);
        }

        var said = host.Logs.GetSnapshot().Where(l => l.Message.Contains("after redirects", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, said.Count);
        Assert.Contains(server.Url("/blog/feed/").ToString(), said[0].Message, StringComparison.Ordinal);
        Assert.Contains(server.Url("/new/feed/").ToString(), said[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstPoll_ImportsTheReviewAndSkipsTheNewsItem()
    {
        using var host = SampleAndNewsFeed();

        var result = await PollAsync(host);

        Assert.Equal(FeedPollStatus.Fetched, result.Status);
        Assert.Equal(1, result.Imported);
        Assert.Equal(1, result.NotReviews);
    }

    [Fact]
    public async Task FirstPoll_StoresExistingReviewsWithoutAnnouncing()
    {
        using var host = SampleAndNewsFeed();

        await PollAsync(host);

        var review = Assert.Single(host.Importer.Documents, d => d.SourceKey == FeedFixtures.SampleGuid);
        Assert.False(review.Announce);
        Assert.Equal(ReviewOrigin.Feed, review.Origin);
        Assert.Equal(new Uri(FeedFixtures.SampleLink), review.SourceUrl);
    }

    [Fact]
    public async Task FirstPoll_ConvertsWordPressHtmlIntoTheTextTheParserReads()
    {
        using var host = SampleAndNewsFeed();

        await PollAsync(host);

        var text = host.Importer.Documents.Single(d => d.SourceKey == FeedFixtures.SampleGuid).Text;
        Assert.StartsWith(FeedFixtures.SampleTitle + "\n\nSeason 1\n\nEpisode Guide\n\nEpisode 1: Crimson Is The Sound of Dawn -| Review Score – 3/5\n", text);
        Assert.Contains("\nEpisode 9: The Ones Who Visited -| Review Score – 3/5\n", text);
        Assert.Contains("Episode 3: Marginal City\u00a0-| Review Score", text);
        Assert.Contains("\nVerdict - 6/10", text);
        Assert.Contains("Enter 2024’s Metallic Rouge", text);
    }

    [Fact]
    public async Task FirstPoll_LeavesOutScriptsStylesAndTheExcerpt()
    {
        using var host = SampleAndNewsFeed();

        await PollAsync(host);

        var text = host.Importer.Documents.Single(d => d.SourceKey == FeedFixtures.SampleGuid).Text;
        Assert.DoesNotContain("tracking", text);
        Assert.DoesNotContain("wp-block", text);
        Assert.DoesNotContain("An excerpt only", text);
    }

    [Fact]
    public async Task FirstPoll_RemembersTheFeedStateForTheNextPoll()
    {
        using var host = SampleAndNewsFeed();

        await PollAsync(host);

        var state = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        Assert.True(state.FirstPollDone);
        Assert.Equal("\"v2\"", state.ETag);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal(host.Time.GetUtcNow() + host.FeedsOptions.DefaultPollInterval, state.NextPollUtc);
    }

    [Fact]
    public async Task FirstPoll_RemembersEachItemsOutcome()
    {
        using var host = SampleAndNewsFeed();

        await PollAsync(host);

        var remembered = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.SampleGuid, FeedFixtures.NewsItem().Guid!], CancellationToken.None);
        Assert.Equal(FeedItemOutcome.Imported, remembered[FeedFixtures.SampleGuid].Outcome);
        Assert.Equal(FeedItemOutcome.NotAReview, remembered[FeedFixtures.NewsItem().Guid!].Outcome);
    }

    [Fact]
    public async Task UnchangedFeed_Answers304_AndNothingIsParsedOrImported()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"same\"");
        using var host = Host("/feed/");
        await PollAsync(host);

        host.Time.Advance(TimeSpan.FromMinutes(10));
        var result = await PollAsync(host);

        Assert.Equal(FeedPollStatus.NotModified, result.Status);
        Assert.Single(host.Importer.Documents);
        var requests = server.Requests;
        Assert.Equal("", requests[0].IfNoneMatch);
        Assert.Equal("\"same\"", requests[1].IfNoneMatch);
        Assert.All(requests, r => Assert.Equal(FeedFetcher.UserAgent, r.UserAgent));
        var state = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        Assert.Equal(host.Time.GetUtcNow(), state.LastSuccessUtc);
    }

    [Fact]
    public async Task NotModifiedToARequestWithNothingToCompare_FailsThePoll_NotReadAsUnchanged()
    {
        // A broken cache in front of the site answers 304 to everyone. Nothing was asked
        // conditionally (no ETag or date kept yet), so there is nothing it can be "not modified"
        // from: read as unchanged, the feed would never be read and never be reported.
        server.Map("/feed/", context =>
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        });
        using var host = Host("/feed/");

        var result = await PollAsync(host);

        Assert.Equal(FeedPollStatus.Failed, result.Status);
        Assert.Contains("304 Not Modified to a request that was not conditional", result.Error, StringComparison.Ordinal);
        var state = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        Assert.Equal(1, state.ConsecutiveFailures);
        Assert.Null(state.LastSuccessUtc);
    }

    [Fact]
    public async Task NotAReviewItem_IsSkippedLoggedOnceAndRemembered_UntilItsContentChanges()
    {
        var version = 1;
        var news = FeedFixtures.NewsItem();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(news, FeedFixtures.SampleItem()), () => $"\"v{version}\"");
        using var host = Host("/feed/");

        await PollAsync(host);
        version++; // the feed changed (say, a comment count), the news item did not
        var second = await PollAsync(host);

        Assert.Equal(2, second.Unchanged);
        Assert.Single(host.Importer.Documents, d => d.SourceKey == news.Guid);
        Assert.Single(host.Logs.GetSnapshot(), l => l.Message.Contains("is not a review", StringComparison.Ordinal));

        news = news with { Html = FeedFixtures.NewsHtml + "<p>Trailer added.</p>" };
        version++;
        await PollAsync(host);
        Assert.Equal(2, host.Importer.Documents.Count(d => d.SourceKey == news.Guid));
    }

    [Fact]
    public async Task MalformedXml_FailsClearly_AndBacksOffExponentially()
    {
        server.Map("/feed/", context =>
        {
            context.Response.ContentType = "application/rss+xml";
            return context.Response.WriteAsync("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Broken</title>\n<item><title>x</item></channel></rss>");
        });
        using var host = Host("/feed/");

        var first = await PollAsync(host);
        var afterFirst = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        await PollAsync(host);
        var afterSecond = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        await PollAsync(host);
        var afterThird = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);

        Assert.Equal(FeedPollStatus.Failed, first.Status);
        Assert.Contains("not well-formed XML (line 3", first.Error);
        Assert.Empty(host.Importer.Documents);
        Assert.Equal(3, afterThird.ConsecutiveFailures);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(10), afterFirst.NextPollUtc);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(20), afterSecond.NextPollUtc);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(40), afterThird.NextPollUtc);
        Assert.Contains("not well-formed", afterThird.LastError);
        Assert.False(afterThird.FirstPollDone);
    }

    [Fact]
    public async Task FailureThenSuccess_ResetsTheBackoff()
    {
        var broken = true;
        server.Map("/feed/", context => broken
            ? Task.FromResult(context.Response.StatusCode = 503)
            : context.Response.WriteAsync(FeedFixtures.Rss(FeedFixtures.SampleItem())));
        using var host = Host("/feed/");

        var failed = await PollAsync(host);
        broken = false;
        await PollAsync(host);

        Assert.Contains("503", failed.Error);
        var state = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.LastError);
        Assert.False(Assert.Single(host.Importer.Documents).Announce);
    }

    [Fact]
    public async Task HtmlPageInsteadOfFeed_FailsWithAMessageThatSaysSo()
    {
        server.Map("/", context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync("<!DOCTYPE html>\n<html><head><title>Reviews</title></head><body><p>Welcome</p></body></html>");
        });
        using var host = Host("/");

        var result = await PollAsync(host);

        Assert.Equal(FeedPollStatus.Failed, result.Status);
        Assert.Contains("HTML page", result.Error);
        Assert.Contains("not an RSS or Atom feed", result.Error);
    }

    [Fact]
    public async Task ImporterFailure_LeavesTheItemUnrememberedAndTheFeedRefetched()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"v1\"");
        using var host = Host("/feed/");
        host.Importer.BeforeImport = _ => throw new InvalidOperationException("database is locked");

        var first = await PollAsync(host);
        host.Importer.BeforeImport = null;
        var second = await PollAsync(host);

        Assert.Equal(1, first.Errors);
        Assert.Equal(FeedPollStatus.Fetched, second.Status); // no ETag was kept, so no 304
        Assert.Equal(1, second.Imported);
        Assert.False(host.Importer.Documents.Single().Announce); // still the first (silent) poll
    }
    [Fact]
    public async Task DuplicateGuids_FirstItemWins_AndLaterPollsImportNothing()
    {
        // A feed listing two different items under one guid (a CMS bug, or a hostile feed): without a
        // rule, each poll stored one over the other, for ever.
        var first = FeedFixtures.SampleItem();
        var second = first with { Html = FeedFixtures.SampleReviewHtml("<p>A different ending.</p>") };
        var version = 1;
        server.MapFeed("/feed/", () => FeedFixtures.Rss(first, second), () => $"\"v{version}\"");
        using var host = Host("/feed/");

        var poll1 = await PollAsync(host);
        for (var i = 0; i < 3; i++)
        {
            version++;
            var later = await PollAsync(host);
            Assert.Equal(0, later.Imported);
        }

        Assert.Equal(1, poll1.Imported);
        var imported = Assert.Single(host.Importer.Documents);
        Assert.DoesNotContain("A different ending", imported.Text);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("same guid", StringComparison.Ordinal));
    }
    [Theory]
    [InlineData(429, "7200", 120)]   // two hours, longer than the 10-minute backoff: honoured
    [InlineData(503, "99999999", 360)] // years: capped at Feeds:MaxBackoff (6 hours)
    [InlineData(429, "date", 90)]    // the date form, an hour and a half from now
    [InlineData(503, "60", 10)]      // shorter than the backoff: the backoff stands
    public async Task RateLimitedOrUnavailable_WithRetryAfter_WaitsAtLeastThatLong(int status, string retryAfter, int expectedMinutes)
    {
        using var host = Host("/feed/");
        var value = retryAfter == "date" ? (host.Time.GetUtcNow() + TimeSpan.FromMinutes(90)).ToString("R") : retryAfter;
        server.Map("/feed/", context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.RetryAfter = value;
            return Task.CompletedTask;
        });

        var result = await PollAsync(host);

        Assert.Equal(FeedPollStatus.Failed, result.Status);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
        var state = await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(expectedMinutes), state.NextPollUtc);
    }
    [Fact]
    public async Task ItemsTheFeedNoLongerLists_AreForgottenAfterAMonthUnchanged_WhileListedOnesAreKept()
    {
        // A feed that gives its items new guids at every poll (broken, or hostile) left five rows a poll
        // for ever; the review it lists at every poll stays known however long ago it was first seen.
        var poll = 0;
        server.MapFeed(
            "/feed/",
            () => FeedFixtures.Rss([FeedFixtures.SampleItem(), .. Enumerable.Range(1, 5).Select(i => FeedFixtures.NewsItem() with { Guid = $"https://reviews.example/?p={poll}-{i}", Title = $"News {i}" })]),
            () => $"\"v{poll}\"");
        using var host = Host("/feed/");

        for (; poll < 40; poll++)
        {
            Assert.Equal(FeedPollStatus.Fetched, (await PollAsync(host)).Status);
            host.Time.Advance(TimeSpan.FromDays(1));
        }

        // The last poll was on day 39: the news of days 9 to 39 (changed, here first seen, less than 30 days before it) remain.
        Assert.Equal(1 + (31 * 5), await host.Database.ScalarAsync("SELECT COUNT(*) FROM feed_item"));
        Assert.Equal(1, await host.Database.ScalarAsync($"SELECT COUNT(*) FROM feed_item WHERE item_key = '{FeedFixtures.SampleGuid}'"));
        Assert.Equal(0, await host.Database.ScalarAsync("SELECT COUNT(*) FROM feed_item WHERE item_key = 'https://reviews.example/?p=8-1'"));
        Assert.Equal(1, await host.Database.ScalarAsync("SELECT COUNT(*) FROM feed_item WHERE item_key = 'https://reviews.example/?p=9-1'"));
        Assert.Single(host.Importer.Documents, d => d.SourceKey == FeedFixtures.SampleGuid);
    }

    [Fact]
    public async Task FeedWithMoreItemsThanTheLimit_ReadsOnlyTheFirst_AndSaysSo()
    {
        // Every item read costs an import and a remembered row; a feed (hostile, or broken) listing
        // thousands of new guids at every poll would cost that at every poll.
        var items = Enumerable.Range(1, 30)
            .Select(i => FeedFixtures.NewsItem() with { Guid = $"https://reviews.example/?p={i}", Title = $"News {i}" })
            .ToArray();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(items), () => "\"v1\"");
        using var host = Host("/feed/", new Dictionary<string, string?> { ["Feeds:MaxItemsPerPoll"] = "20" });

        var result = await PollAsync(host);

        Assert.Equal(30, result.Items);
        Assert.Equal(20, result.NotReviews);
        Assert.Equal(10, result.Skipped);
        Assert.Equal(20, host.Importer.Documents.Count);
        Assert.Equal(20, await host.Database.ScalarAsync("SELECT COUNT(*) FROM feed_item"));
        Assert.Single(host.Logs.GetSnapshot(), l => l.Message.Contains("only the first 20 are read", StringComparison.Ordinal));
    }
}
