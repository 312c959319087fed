using System.Text;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// A feed is a batch: an item that cannot be read, converted or parsed gets its own verdict, in
/// <c>feeds check</c> and in polling alike, and never hides the items around it.
/// </summary>
public sealed class FeedItemVerdictTests : IAsyncLifetime
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Reviews Example</title><link>https://reviews.example/</link><description>d</description>
        """;

    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>The syndication reader throws on a non-numeric enclosure length.</summary>
    private static string BadEnclosureItem => """
        <item><title>Broken enclosure</title><guid>https://reviews.example/?p=2001</guid>
        <enclosure url="https://reviews.example/a.mp3" length="many" type="audio/mpeg"/>
        <description>x</description></item>
        """;

    /// <summary>...and on a link that is not a URI.</summary>
    private static string BadLinkItem => """
        <item><title>Broken link</title><link>http://[reviews.example/</link><description>x</description></item>
        """;

    private static string KeylessItem => """
        <item><title>No identity</title><description>An item with neither guid nor link.</description></item>
        """;

    /// <summary>An episode number far beyond int: a review whose guide cannot be stored as it is.</summary>
    private static string OverflowItem => $"""
        <item><title>Frieren Season 1 Review – Overflowing</title><guid>https://reviews.example/?p=2002</guid>
        <content:encoded><![CDATA[<p>Season 1</p><p>Episode Guide</p><p>Episode 99999999999999999999: Too Far – 3/5</p><p>Episode 2: Near – 4/5</p><p>A fine season.</p><p>Verdict - 7/10</p>]]></content:encoded></item>
        """;

    private static string SampleItem()
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem());
        var start = rss.IndexOf("<item>", StringComparison.Ordinal);
        return rss[start..(rss.IndexOf("</item>", StringComparison.Ordinal) + "</item>".Length)];
    }

    private static string Feed(params string[] items) => Head + string.Concat(items) + "</channel></rss>";

    /// <summary>content:encoded holding markup instead of escaped text: the article cannot be read as text.</summary>
    private static string MarkupContentItem => """
        <item><title>Markup body</title><guid>https://reviews.example/?p=2003</guid>
        <content:encoded><p>Season 1</p></content:encoded></item>
        """;

    [Fact]
    public void Parse_ContentWithMarkupInsteadOfText_CostsOnlyThatItem()
    {
        var xml = Feed(MarkupContentItem, SampleItem());

        var items = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), "application/rss+xml");

        Assert.Equal(2, items.Count);
        Assert.Equal("https://reviews.example/?p=2003", items[0].Key);
        Assert.Contains("could not be read", items[0].Error);
        Assert.Null(items[1].Error);
        Assert.Equal(FeedFixtures.SampleGuid, items[1].Key);
    }

    [Fact]
    public void Parse_StrayTextBetweenItems_DoesNotEndTheFeed()
    {
        var xml = Feed("stray text", BadLinkItem, "more stray text", SampleItem());

        var items = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), "application/rss+xml");

        Assert.Equal(2, items.Count);
        Assert.Equal(FeedFixtures.SampleGuid, items[1].Key);
    }

    [Fact]
    public async Task Parse_ItemNestedDeeperThanAnyFeed_CostsOnlyThatItem()
    {
        // 3 bytes an element: a 10 MiB body nests three million deep. Anything that walks that
        // by recursion (copying the item, reading it) would overflow the stack, which ends the process.
        const int depth = 1_000_000;
        var nested = new StringBuilder("<item><title>Deep</title><guid>https://reviews.example/?p=2004</guid><description>");
        nested.Insert(nested.Length, "<a>", depth).Insert(nested.Length, "</a>", depth).Append("</description></item>");
        var xml = Feed(nested.ToString(), SampleItem());

        var items = await Task.Run(() => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), "application/rss+xml"));

        Assert.Equal(2, items.Count);
        Assert.Equal("https://reviews.example/?p=2004", items[0].Key);
        Assert.Contains("nests elements deeper than 256 levels", items[0].Error);
        Assert.Null(items[1].Error);
    }

    [Fact]
    public void Parse_ManyChannelElementsBeforeManyItems_TakesTimeLinearInTheFeed()
    {
        // Feed-level elements were kept and copied into every item's envelope: 20,000 of them before
        // 20,000 items (under 1 MiB) made 400 million copies. The guard is far above a linear read.
        const int count = 20_000;
        var xml = new StringBuilder(Head);
        xml.Insert(xml.Length, "<x/>", count);
        for (var i = 0; i < count; i++)
        {
            xml.Append("<item><guid>g").Append(i).Append("</guid></item>");
        }

        xml.Append("</channel></rss>");
        var body = Encoding.UTF8.GetBytes(xml.ToString());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var items = FeedParser.Parse(body, "application/rss+xml");

        Assert.Equal(count, items.Count);
        Assert.Equal("g19999", items[^1].Key);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"parsing took {clock.Elapsed}");
    }

    [Fact]
    public void Parse_UnreadableItems_AreKeptWithTheirError_AndTheOthersRead()
    {
        var xml = Feed(BadEnclosureItem, BadLinkItem, KeylessItem, SampleItem());

        var items = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), "application/rss+xml");

        Assert.Equal(["Broken enclosure", "Broken link", "No identity", FeedFixtures.SampleTitle], items.Select(i => i.Title));
        Assert.StartsWith("the item could not be read", items[0].Error, StringComparison.Ordinal);
        Assert.Equal("https://reviews.example/?p=2001", items[0].Key);
        Assert.StartsWith("the item could not be read", items[1].Error, StringComparison.Ordinal);
        Assert.False(items[2].HasKey);
        Assert.Null(items[3].Error);
        Assert.Contains("Episode Guide", items[3].Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_GivesEveryItemItsOwnVerdict()
    {
        server.MapFeed("/feed/", () => Feed(BadEnclosureItem, OverflowItem, KeylessItem, SampleItem()), () => "\"1\"");
        using var host = new SourcesTestHost(new Dictionary<string, string?>(), realImporter: true);

        var report = await host.Get<FeedCheck>().CheckAsync(server.Url("/feed/"), CancellationToken.None);

        Assert.True(report.Succeeded, report.Error);
        var lines = report.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Feed " + server.Url("/feed/") + ": 4 items, 1 would be imported (nothing was stored).", lines[0]);
        Assert.StartsWith("  - Broken enclosure: would be rejected: the item could not be read (", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("  - Frieren Season 1 Review – Overflowing: would be rejected: ", lines[2], StringComparison.Ordinal);
        Assert.Equal("  - No identity: skipped: no guid or link (nothing to remember it by, so it is never imported)", lines[3]);
        Assert.StartsWith($"  - {FeedFixtures.SampleTitle}: would import as Metallic Rouge season 1", lines[4], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Poll_ImportsTheGoodItems_AndRecordsEachBadOneOnce()
    {
        server.MapFeed("/feed/", () => Feed(BadEnclosureItem, OverflowItem, KeylessItem, SampleItem()), () => "\"1\"");
        using var host = new SourcesTestHost(
            new Dictionary<string, string?> { ["Feeds:Sources:0:Url"] = server.Url("/feed/").ToString() }, realImporter: true);
        var source = host.FeedsOptions.Sources[0];

        var result = await host.Get<FeedPoller>().PollAsync(source, CancellationToken.None);

        Assert.Equal((FeedPollStatus.Fetched, 4, 1, 2, 1, 0), (result.Status, result.Items, result.Imported, result.Rejected, result.Skipped, result.Errors));
        Assert.Equal(1, await host.CountReviewsAsync());
        var remembered = await host.Get<FeedStateStore>().GetItemsAsync(source.Url, ["https://reviews.example/?p=2001", "https://reviews.example/?p=2002"], CancellationToken.None);
        Assert.Equal(FeedItemOutcome.Rejected, remembered["https://reviews.example/?p=2001"].Outcome);
        Assert.Equal(FeedItemOutcome.Rejected, remembered["https://reviews.example/?p=2002"].Outcome);
        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("No identity: skipped: no guid or link", StringComparison.Ordinal));

        // Nothing failed for reasons outside the items, so the feed's validators were kept: the next poll is a 304.
        var second = await host.Get<FeedPoller>().PollAsync(source, CancellationToken.None);
        Assert.Equal(FeedPollStatus.NotModified, second.Status);
    }
}
