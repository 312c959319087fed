using Microsoft.AspNetCore.Http;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedCheckTests : IAsyncLifetime
{
    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Check_SampleAndNews_SaysWhatWouldBeImportedAndStoresNothing()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()), () => "\"v1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>(), realImporter: true);

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/feed/"), CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(2, report.Items.Count);
        Assert.Equal(1, report.WouldImport);
        Assert.Contains("Episode 9: The Ones Who Visited", report.Items[0].Text);
        var printed = report.ToText();
        Assert.Contains("2 items, 1 would be imported (nothing was stored)", printed);
        Assert.Contains(FeedFixtures.SampleTitle + ": would import as Metallic Rouge season 1, verdict 6/10, 13 episodes", printed);
        Assert.Contains("Metallic Rouge Season 2 announced: skipped, not a review", printed);
        Assert.Equal(0, await host.CountReviewsAsync());
        Assert.Equal(0, await host.Database.ScalarAsync("SELECT COUNT(*) FROM feed_item"));
        var state = await host.Get<FeedStateStore>().GetAsync(server.Url("/feed/").ToString(), CancellationToken.None);
        Assert.Null(state.LastAttemptUtc);
    }

    [Fact]
    public async Task Check_TitleWrappedOverLines_IsOneTitle_ReadWholeAndPrintedOnOneLine()
    {
        // Feeds written by hand or by an XML pretty-printer wrap a long title; the line break means
        // nothing more than a space there, and the item is still one line of the report.
        var wrapped = "Metallic Rouge Season 1 Review – A sci-fi anime\n        that loses its way";
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem() with { Title = wrapped }), () => "\"v1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>(), realImporter: true);

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/feed/"), CancellationToken.None);

        var item = Assert.Single(report.Items);
        Assert.Equal("A sci-fi anime that loses its way", item.Review?.Headline);
        Assert.Equal(FeedFixtures.SampleTitle, item.Item.Title);
        var lines = report.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"  - {FeedFixtures.SampleTitle}: would import as Metallic Rouge season 1, verdict 6/10, 13 episodes", lines[1]);
    }

    [Fact]
    public async Task Check_HtmlPage_SaysWhyItCannotBeRead()
    {
        server.Map("/", context => context.Response.WriteAsync("<html><body>Home</body></html>"));
        using var host = new SourcesTestHost(new Dictionary<string, string?>());

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/"), CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Contains("could not be read: The URL returned an HTML page", report.ToText());
    }
    [Fact]
    public async Task Check_ItemsPastMaxItemsPerPoll_AreReportedAsPollingSkipsThem()
    {
        // The check says what polling would do, and polling reads only the first items.
        var second = FeedFixtures.SampleItem() with
        {
            Title = "Blue Box Season 1 Review – Sweet and slow",
            Guid = "https://reviews.example/?p=2002",
            Link = "https://reviews.example/blue-box-season-1-review/",
        };
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), second), () => "\"v1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?> { ["Feeds:MaxItemsPerPoll"] = "1" }, realImporter: true);

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/feed/"), CancellationToken.None);

        Assert.Equal(1, report.WouldImport);
        Assert.Contains(
            $"{second.Title}: skipped: only the first 1 items of a feed are read at a poll (Feeds:MaxItemsPerPoll)",
            report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DuplicateGuid_SaysOnlyTheFirstIsUsed()
    {
        var first = FeedFixtures.SampleItem();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(first, first with { Title = "Another take" }), () => "\"v1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>(), realImporter: true);

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/feed/"), CancellationToken.None);

        Assert.Equal(1, report.WouldImport);
        Assert.Contains($"Another take: skipped: same guid as an earlier item ({FeedFixtures.SampleGuid}); only the first is used", report.ToText());
    }
}
