using ReviewBot.Core.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedSchedulingTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task StalledFeed_DoesNotDelayTheOthers_AndEachFeedIsPolledAgainOnItsOwnInterval()
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/slow", async context =>
        {
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        server.MapFeed("/good", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"g1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = server.Url("/slow").ToString(),
            ["Feeds:Sources:1:Url"] = server.Url("/good").ToString(),
            ["Feeds:Sources:1:PollInterval"] = "00:05:00",
            ["Feeds:RequestTimeout"] = "00:10:00",
        });
        var imported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Importer.BeforeImport = _ => imported.TrySetResult();
        using var stop = new CancellationTokenSource();

        var run = host.Get<FeedPoller>().RunAsync(stop.Token);
        await Task.WhenAll(stalled.Task, imported.Task).WaitAsync(Guard);

        // The slow feed is still hanging; the good one was fetched and imported regardless.
        Assert.Equal(1, server.CountRequests("/slow"));
        Assert.True(server.CountRequests("/good") >= 1, "the feed was never polled");

        // Five minutes on, the good feed is polled again (a 304); the slow one is still waiting.
        var store = host.Get<FeedStateStore>();
        var goodUrl = server.Url("/good").ToString();
        await Eventually.WaitUntilAsync(async () => (await store.GetAsync(goodUrl, CancellationToken.None)).FirstPollDone, Guard);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.WaitUntilAsync(() => server.CountRequests("/good") == 2, Guard);
        Assert.Equal("\"g1\"", server.Requests.Last(r => r.Path == "/good").IfNoneMatch);
        var slowUrl = server.Url("/slow").ToString();
        Assert.Equal(0, (await store.GetAsync(slowUrl, CancellationToken.None)).ConsecutiveFailures);

        // Past the slow feed's timeout it fails and is scheduled with backoff, without stopping the loop.
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Eventually.WaitUntilAsync(async () => (await store.GetAsync(slowUrl, CancellationToken.None)).ConsecutiveFailures == 1, Guard);

        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Single(host.Importer.Documents);
    }

    /// <summary>
    /// A next poll saved further off than these settings would ever schedule one (by a build or a
    /// configuration with a longer interval, or a clock that jumped) is not waited for: past the longest
    /// wait the settings allow, the feed is polled. Past a timer's limit the wait used to fail every time.
    /// </summary>
    [Fact]
    public async Task NextPollSavedFurtherOffThanTheSettingsAllow_IsPolledWithinTheLongestWait()
    {
        server.MapFeed("/good", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"g1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = server.Url("/good").ToString(),
            ["Feeds:Sources:0:PollInterval"] = "00:05:00",
        });
        var url = server.Url("/good").ToString();
        var store = host.Get<FeedStateStore>();
        await store.SaveAsync(FeedState.New(url) with { NextPollUtc = host.Time.GetUtcNow() + TimeSpan.FromDays(60) }, CancellationToken.None);
        using var stop = new CancellationTokenSource();

        var run = host.Get<FeedPoller>().RunAsync(stop.Token);
        // The clock moves on in half-hour steps, with real time between them for the loop to reach its
        // wait, for as long as real time allows: the loop may start its wait at any step, and from there
        // it waits at most the longest wait. Before the clamp it never polled however far the clock went.
        var started = host.Time.GetUtcNow();
        var deadline = DateTime.UtcNow + Guard;
        while (server.CountRequests("/good") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            host.Time.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.True(server.CountRequests("/good") >= 1, "the feed was never polled");
        Assert.True(host.Time.GetUtcNow() - started < TimeSpan.FromDays(60), "the feed was polled only when the saved time came");
        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Message.Contains("failed unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoFeedsConfigured_RunReturnsAtOnce()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>());

        await host.Get<FeedPoller>().RunAsync(CancellationToken.None).WaitAsync(Guard);

        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("feed polling is off", StringComparison.Ordinal));
    }
}
