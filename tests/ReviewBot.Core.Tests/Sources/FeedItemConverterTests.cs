using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// Which item a stored review came from is its source key: a guid that names something globally (a web
/// address, a urn, a tag URI) is used as it is, anything else only means something within its feed.
/// </summary>
public sealed class FeedItemConverterTests
{
    private readonly FeedItemConverter _converter = new(new HtmlToText());

    [Theory]
    [InlineData("https://reviews.example/metallic-rouge/")]
    [InlineData("http://reviews.example/?p=123")]
    [InlineData("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")]
    [InlineData("tag:reviews.example,2026:metallic-rouge")]
    public void GlobalGuid_IsTheKeyAsItIs_WhicheverFeedCarriesIt(string guid)
    {
        Assert.Equal(guid, KeyIn("https://a.example/feed", guid));
        Assert.Equal(guid, KeyIn("https://b.example/feed", guid));
    }

    /// <summary>
    /// "/1" parses as an absolute file URI on Linux: taken as global, two feeds numbering their items
    /// from 1 would share keys (the second feed's review refused as the first's), and a guid shaped
    /// like a path could name a file the import command stored.
    /// </summary>
    [Theory]
    [InlineData("123")]
    [InlineData("/1")]
    [InlineData("/srv/reviews/metallic-rouge.txt")]
    [InlineData("file:///srv/reviews/metallic-rouge.txt")]
    [InlineData("ftp://reviews.example/1")]
    [InlineData("mailto:editor@reviews.example")]
    public void GuidThatNamesNothingGlobally_IsScopedToItsFeed(string guid)
    {
        var first = KeyIn("https://a.example/feed", guid);
        var second = KeyIn("https://b.example/feed", guid);

        Assert.Equal("https://a.example/feed#" + guid, first);
        Assert.NotEqual(first, second);
    }

    private string KeyIn(string feedUrl, string guid) =>
        _converter.Convert(feedUrl, new FeedItem(guid, "Metallic Rouge Season 1 Review – Neon", null, "<p>Text.</p>", null)).Document.SourceKey;
}
