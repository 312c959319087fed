using System.Diagnostics;
using System.Text;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedParserTests
{
    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void RssItems_AreKeyedByGuid_ElseByLink()
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem() with { Guid = null });

        var items = FeedParser.Parse(Bytes(rss), "application/rss+xml");

        Assert.Equal([FeedFixtures.SampleGuid, "https://reviews.example/news/metallic-rouge-2/"], items.Select(i => i.Key));
        Assert.Equal(FeedFixtures.SampleTitle, items[0].Title);
        Assert.Contains("<li>Episode 9: The Ones Who Visited", items[0].Html);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 10, 0, 0, TimeSpan.Zero), items[0].Published);
    }

    [Fact]
    public void UnreadableDates_DoNotLoseTheItem()
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem()).Replace("Mon, 01 Apr 2024 10:00:00 +0000", "sometime last week", StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Bytes(rss), "application/rss+xml"));

        Assert.Null(item.Published);
    }

    /// <summary>A date whose day and month could be either way round is no date: left out, as an unreadable one, rather than read month first.</summary>
    [Theory]
    [InlineData("04/05/2024 10:00", null)]
    [InlineData("13/05/2024", null)]
    [InlineData("2024-05-04 10:00", 5)]
    public void NonStandardDates_AreReadOnlyWhenTheMonthIsClear(string date, int? month)
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem()).Replace("Mon, 01 Apr 2024 10:00:00 +0000", date, StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Bytes(rss), "application/rss+xml"));

        Assert.Equal(month, item.Published?.Month);
    }

    [Fact]
    public void HtmlPage_ThatAdvertisesAFeed_NamesIt()
    {
        const string html = """
            <!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/"></head><body></body></html>
            """;

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(html), "text/html", new Uri("https://reviews.example/")));

        Assert.Contains("The page advertises a feed at https://reviews.example/feed/", error.Message);
    }

    [Theory]
    [InlineData("<link rel='alternate home' type='application/atom+xml' href='/feed/?a=1&amp;b=2'>", "https://reviews.example/feed/?a=1&b=2")]
    [InlineData("<script>var s = '<link rel=alternate type=application/rss+xml href=/wrong/>';</script><link REL=Alternate type=application/rss+xml href=/feed/>", "https://reviews.example/feed/")]
    [InlineData("<link rel=\"alternate\" type=\"text/html\" href=\"/fr/\"><link href=\"/feed/\" type=\"application/rss+xml\" rel=\"alternate\" />", "https://reviews.example/feed/")]
    public void HtmlPage_AdvertisedFeed_IsFoundWhateverTheAttributeSyntax(string links, string expected)
    {
        var html = $"<!doctype html><html><head><title>Reviews</title>{links}</head><body><p>Hello</p></body></html>";

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(html), "text/html", new Uri("https://reviews.example/")));

        Assert.Contains($"The page advertises a feed at {expected};", error.Message);
    }

    [Fact]
    public void HtmlPage_WithFeedLinksOnlyInItsBody_AdvertisesNone()
    {
        const string html = "<!doctype html><html><head></head><body><link rel=alternate type=application/rss+xml href=/feed/></body></html>";

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(html), "text/html", new Uri("https://reviews.example/")));

        Assert.DoesNotContain("advertises", error.Message);
    }

    [Fact]
    public void HtmlPage_WithAHugeDeeplyNestedBody_IsAnsweredAtOnce()
    {
        // A tree builder over this body works for minutes; the feed link is in the head.
        var html = "<!doctype html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\"></head><body>"
            + string.Concat(Enumerable.Repeat("<div>", 200_000)) + "</body></html>";

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(html), "text/html", new Uri("https://reviews.example/")));
        clock.Stop();

        Assert.Contains("The page advertises a feed at https://reviews.example/feed/", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Envelope_WithTensOfThousandsOfAttributes_IsReadInAMoment()
    {
        // Every item is read inside the envelope: kept whole, its attributes would be checked
        // against each other once and then copied into each of the items, for minutes of work.
        var attributes = string.Concat(Enumerable.Range(0, 60_000).Select(i => $" a{i}=\"\""));
        var rss = FeedFixtures.Rss([.. Enumerable.Range(0, 2_000).Select(i => new RssItem($"Title {i}", $"https://reviews.example/{i}/", $"guid-{i}", "<p>Hi</p>"))])
            .Replace("<channel>", $"<channel{attributes}>", StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var items = FeedParser.Parse(Bytes(rss), "application/rss+xml");
        clock.Stop();

        Assert.Equal(2_000, items.Count);
        Assert.Equal(("guid-1999", "<p>Hi</p>"), (items[^1].Key, items[^1].Html));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    /// <summary>
    /// Polling reads only a feed's first Feeds:MaxItemsPerPoll items, but a 10 MiB body can list a
    /// million and a half empty ones: each read by the syndication reader inside its own copy of the
    /// envelope cost tens of kilobytes and microseconds, seconds and gigabytes at every poll, for items
    /// no one imports. Past the limit an item is only listed, by its key and title, in one pass.
    /// Allocation is counted rather than time, as a measure of work that no machine's speed changes.
    /// </summary>
    [Fact]
    public void ItemsPastTheReadLimit_AreListedByKeyAndTitle_WithoutBeingRead()
    {
        var body = Bytes(FeedFixtures.Rss([.. Enumerable.Range(0, 50_000).Select(i => new RssItem($"Title {i}", $"https://reviews.example/{i}/", $"guid-{i}", "<p>Hi</p>"))]));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var items = FeedParser.Parse(body, "application/rss+xml", readItems: 10);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(50_000, items.Count);
        Assert.Equal(("guid-9", "Title 9", "<p>Hi</p>", null), (items[9].Key, items[9].Title, items[9].Html, items[9].Error));
        Assert.Equal(("guid-49999", "Title 49999", ""), (items[^1].Key, items[^1].Title, items[^1].Html));
        Assert.Contains("not read", items[^1].Error);
        Assert.True(allocated < 20L * body.Length, $"{allocated:N0} bytes allocated to list a {body.Length:N0}-byte feed");
    }

    /// <summary>
    /// Older sites still serve feeds in a Windows code page, declared in the XML declaration; the
    /// runtime knows only the Unicode encodings and Latin-1 by itself, and such a feed failed as a whole.
    /// </summary>
    [Theory]
    [InlineData("windows-1252")]
    [InlineData("Windows-1252")]
    [InlineData("iso-8859-15")]
    public void FeedInAWindowsOrIsoCodePage_IsReadInIt(string encoding)
    {
        var text = FeedFixtures.Rss(FeedFixtures.SampleItem() with { Title = "Frieren Season 1 Review - Café 1€" })
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);
        var codePage = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(encoding)!;

        var item = Assert.Single(FeedParser.Parse(codePage.GetBytes(text), "application/rss+xml"));

        Assert.Equal("Frieren Season 1 Review - Café 1€", item.Title);
    }

    /// <summary>
    /// A declaration that contradicts the bytes: a UTF-8 byte-order mark before a Windows code page
    /// (a template saved "with BOM"), or UTF-16 declared over 8-bit text (a feed written through a .NET
    /// StringWriter, whose declaration says utf-16 whatever is sent). The bytes say what they are; the
    /// feed was refused as "not an RSS 2.0 or Atom 1.0 feed" or with "System does not support 'windows-1252'".
    /// </summary>
    [Theory]
    [InlineData("\uFEFF", "windows-1252")]
    [InlineData("\uFEFF", "iso-8859-1")]
    [InlineData("", "utf-16")]
    [InlineData("", "UTF-16LE")]
    [InlineData("", "ucs-2")]
    [InlineData("", "utf-32")]
    public void FeedWhoseDeclarationContradictsItsBytes_IsReadAsTheBytesSay(string mark, string encoding)
    {
        var text = mark + FeedFixtures.Rss(FeedFixtures.SampleItem() with { Title = "Frieren Season 1 Review - Café 1€" })
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Bytes(text), "application/rss+xml"));

        Assert.Equal("Frieren Season 1 Review - Café 1€", item.Title);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-32")]
    public void FeedInUtf16OrUtf32WithItsByteOrderMark_IsStillReadInIt(string encoding)
    {
        var text = "\uFEFF" + FeedFixtures.Rss(FeedFixtures.SampleItem() with { Title = "Frieren Season 1 Review - Café 1€" })
            .Replace("encoding=\"UTF-8\"", $"encoding=\"{encoding}\"", StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Encoding.GetEncoding(encoding).GetBytes(text), "application/rss+xml"));

        Assert.Equal("Frieren Season 1 Review - Café 1€", item.Title);
    }

    [Fact]
    public void FeedDeclaringUtf16Over8BitTextThatIsNotUtf8_IsRefusedSayingSo()
    {
        var text = FeedFixtures.Rss(FeedFixtures.SampleItem())
            .Replace("encoding=\"UTF-8\"", "encoding=\"utf-16\"", StringComparison.Ordinal)
            .Replace("TV and anime reviews", "Café reviews", StringComparison.Ordinal);

        var refused = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.Latin1.GetBytes(text), "application/rss+xml"));

        Assert.Contains("declares utf-16", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeedDeclaringAnEncodingNoOneKnows_IsRefusedNamingIt()
    {
        var text = FeedFixtures.Rss(FeedFixtures.SampleItem()).Replace("encoding=\"UTF-8\"", "encoding=\"x-made-up\"", StringComparison.Ordinal);

        var refused = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(text), "application/rss+xml"));

        Assert.Contains("x-made-up", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_NamespacesDeclaredOnTheRootAndXmlBase_StillApplyToItems()
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem() with { Link = "reviews/metallic-rouge/", Guid = null })
            .Replace("<rss version=\"2.0\"", "<rss version=\"2.0\" xml:lang=\"en\" data-x=\"1\"", StringComparison.Ordinal)
            .Replace("<channel>", "<channel xml:base=\"https://reviews.example/blog/\">", StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Bytes(rss), "application/rss+xml"));

        Assert.Null(item.Error);
        Assert.Contains("<li>Episode 9: The Ones Who Visited", item.Html);
        Assert.Equal(new Uri("https://reviews.example/blog/reviews/metallic-rouge/"), item.Link);
    }

    [Fact]
    public void XmlThatIsNotAFeed_SaysWhatItIs()
    {
        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>"), "application/xml"));

        Assert.Contains("not an RSS 2.0 or Atom 1.0 feed (its root element is <urlset>", error.Message);
    }

    [Fact]
    public void AtomTextContent_IsKeptAsText()
    {
        var atom = FeedFixtures.Atom("urn:x:1", "Title", "https://reviews.example/x", "ignored")
            .Replace("<content type=\"html\">ignored</content>", "<content type=\"text\">Line one &lt;b&gt;\nLine two</content>", StringComparison.Ordinal);

        var item = Assert.Single(FeedParser.Parse(Bytes(atom), "application/atom+xml"));

        Assert.Equal("Line one &lt;b&gt;<br>Line two", item.Html);
        Assert.Equal("Line one <b>\nLine two", new HtmlToText().Convert(item.Html));
    }
    [Theory]
    [InlineData("<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>", "&d;")]
    [InlineData("<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>", "&secret;")]
    public void DtdEntities_AreNeitherExpandedNorFetched(string doctype, string reference)
    {
        var rss = FeedFixtures.Rss(FeedFixtures.SampleItem())
            .Replace("<rss ", doctype + "\n<rss ", StringComparison.Ordinal)
            .Replace("<title>Reviews Example</title>", $"<title>{reference}</title>", StringComparison.Ordinal);

        var error = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Bytes(rss), "application/rss+xml"));

        Assert.Contains("not well-formed XML", error.Message);
        Assert.DoesNotContain("root:", error.Message);
    }
}
