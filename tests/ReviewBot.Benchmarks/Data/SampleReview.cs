using System.Net;
using System.Text;

namespace ReviewBot.Benchmarks.Data;

/// <summary>The repository's sample review (copied next to the binary) and the shapes derived from it.</summary>
public static class SampleReview
{
    public const string Title = "Metallic Rouge Season 1 Review – A sci-fi anime that loses its way";

    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));

    /// <summary>
    /// The sample as WordPress publishes a post body: episode lines as &lt;li&gt;, typographic
    /// characters as numeric entities, plus the style and script blocks real themes inject.
    /// </summary>
    public static string WordPressHtml(string showTitle = "Metallic Rouge")
    {
        var lines = Text.Replace("\r\n", "\n").Replace("Metallic Rouge", showTitle).Split('\n').Skip(1).Select(l => l.Trim(' '));
        var html = new StringBuilder();
        html.Append("<style>.wp-block{color:red}</style>\n");
        var inList = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("Episode ", StringComparison.Ordinal) && line.Contains("Review Score", StringComparison.Ordinal))
            {
                if (!inList) html.Append("<ul class=\"wp-block-list\">\n");
                inList = true;
                html.Append("<li>").Append(Encode(line)).Append("</li>\n");
                continue;
            }

            if (inList) html.Append("</ul>\n");
            inList = false;
            if (line.Length == 0) continue;
            if (line == "Episode Guide") html.Append("<h2 class=\"wp-block-heading\">Episode Guide</h2>\n");
            else if (line.Contains("Verdict", StringComparison.Ordinal)) html.Append("<ul><li><strong>Verdict - 6/10</strong></li></ul>\n");
            else html.Append("<p>").Append(Encode(line)).Append("</p>\n");
        }

        html.Append("<script>document.write('tracking');</script>\n");
        return html.ToString();
    }

    /// <summary>An RSS 2.0 feed of <paramref name="count"/> full reviews (content:encoded), each of a different show.</summary>
    public static string RssFeed(int count)
    {
        var xml = new StringBuilder();
        xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel>
            <title>Reviews Example</title>
            <link>https://reviews.example/</link>
            <description>TV and anime reviews</description>

            """);
        for (var i = 0; i < count; i++)
        {
            var show = $"Metallic Rouge {i + 1}";
            xml.Append("<item>\n")
                .Append("<title>").Append(WebUtility.HtmlEncode(Title.Replace("Metallic Rouge", show))).Append("</title>\n")
                .Append("<link>https://reviews.example/review-").Append(i).Append("/</link>\n")
                .Append("<guid isPermaLink=\"false\">https://reviews.example/?p=").Append(1000 + i).Append("</guid>\n")
                .Append("<pubDate>Mon, 01 Apr 2024 10:00:00 +0000</pubDate>\n")
                .Append("<description><![CDATA[An excerpt only.]]></description>\n")
                .Append("<content:encoded><![CDATA[").Append(WordPressHtml(show)).Append("]]></content:encoded>\n")
                .Append("</item>\n");
        }

        xml.Append("</channel>\n</rss>\n");
        return xml.ToString();
    }

    // WordPress encodes typographic characters as numeric entities; HtmlToText must decode them.
    private static string Encode(string text) => WebUtility.HtmlEncode(text)
        .Replace("\u00a0", "&nbsp;", StringComparison.Ordinal)
        .Replace("’", "&#8217;", StringComparison.Ordinal)
        .Replace("–", "&#8211;", StringComparison.Ordinal);
}
