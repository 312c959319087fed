using System.Net;
using System.Text;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>Feeds built the way WordPress publishes them, with the sample review as the article.</summary>
public static class FeedFixtures
{
    public const string SampleTitle = "Metallic Rouge Season 1 Review – A sci-fi anime that loses its way";
    public const string SampleLink = "https://reviews.example/metallic-rouge-season-1-review/";
    public const string SampleGuid = "https://reviews.example/?p=1001";

    public static string SampleText { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));

    /// <summary>The sample as a WordPress post body (see <see cref="WordPressArticle"/>).</summary>
    public static string SampleReviewHtml(string? extraParagraph = null) => WordPressArticle.FromReviewText(SampleText, extraParagraph);

    public static string NewsHtml => "<p>Season 2 of Metallic Rouge has been announced for next spring&#8230;</p>";

    public static string Rss(params RssItem[] items)
    {
        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
            <title>Reviews Example</title>
            <link>https://reviews.example/</link>
            <description>TV and anime reviews</description>

            """);
        foreach (var item in items)
        {
            xml.Append("<item>\n")
                .Append("<title>").Append(WebUtility.HtmlEncode(item.Title)).Append("</title>\n")
                .Append("<link>").Append(item.Link).Append("</link>\n");
            if (item.Guid is not null) xml.Append("<guid isPermaLink=\"false\">").Append(item.Guid).Append("</guid>\n");
            xml.Append("<pubDate>Mon, 01 Apr 2024 10:00:00 +0000</pubDate>\n")
                .Append("<description><![CDATA[An excerpt only.]]></description>\n")
                .Append("<content:encoded><![CDATA[").Append(item.Html).Append("]]></content:encoded>\n")
                .Append("</item>\n");
        }

        xml.Append("</channel>\n</rss>\n");
        return xml.ToString();
    }

    public static string Atom(string id, string title, string link, string html) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Reviews Example</title>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2024-04-01T10:00:00Z</updated>
          <entry>
            <title>{WebUtility.HtmlEncode(title)}</title>
            <id>{id}</id>
            <link rel="alternate" href="{link}"/>
            <updated>2024-04-01T10:00:00Z</updated>
            <summary>An excerpt only.</summary>
            <content type="html">{WebUtility.HtmlEncode(html)}</content>
          </entry>
        </feed>
        """;

    public static RssItem SampleItem(string? extraParagraph = null) =>
        new(SampleTitle, SampleLink, SampleGuid, SampleReviewHtml(extraParagraph));

    public static RssItem NewsItem() =>
        new("Metallic Rouge Season 2 announced", "https://reviews.example/news/metallic-rouge-2/", "https://reviews.example/?p=1002", NewsHtml);
}

public sealed record RssItem(string Title, string Link, string? Guid, string Html);
