using Microsoft.AspNetCore.Http;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedCheckTests : IAsyncLifetime
{
    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Check_ReportsWhatWouldBeImported_AndStoresNothing()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()), () => "\"v1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>());
        var check = new FeedCheck(host.Get<FeedFetcher>(), host.Get<FeedItemConverter>(), new ContractPreviewer());

        var report = await check.CheckAsync(server.Url("/feed/"), CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(2, report.Items.Count);
        Assert.Equal(1, report.WouldImport);
        Assert.Contains("Episode 9: The Ones Who Visited", report.Items[0].Text);
        var printed = report.ToText();
        Assert.Contains("2 items, 1 would be imported (nothing was stored)", printed);
        Assert.Contains("would import as metallic-rouge", printed);
        Assert.Contains("Metallic Rouge Season 2 announced: skipped, not a review", printed);
        Assert.Empty(host.Importer.Documents);
        var state = await host.Get<FeedStateStore>().GetAsync(server.Url("/feed/").ToString(), CancellationToken.None);
        Assert.Null(state.LastAttemptUtc);
    }

    [Fact]
    public async Task Check_OfAnHtmlPage_SaysWhyItCannotBeRead()
    {
        server.Map("/", context => context.Response.WriteAsync("<html><body>Home</body></html>"));
        using var host = new SourcesTestHost(new Dictionary<string, string?>());

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/"), CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Contains("could not be read: The URL returned an HTML page", report.ToText());
    }

    /// <summary>Previews with the same contract rules as the recording importer, storing nothing.</summary>
    private sealed class ContractPreviewer : IReviewPreviewer
    {
        public ImportResult Preview(ReviewDocument document) =>
            new RecordingImporter().ImportAsync(document, CancellationToken.None).GetAwaiter().GetResult();
    }
}
