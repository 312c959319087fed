using System.Net;
using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.TestSupport;

namespace ReviewBot.Benchmarks.Data;

/// <summary>The repository's sample review (copied next to the binary) and the shapes derived from it.</summary>
public static class SampleReview
{
    public const string Title = "Metallic Rouge Season 1 Review – A sci-fi anime that loses its way";

    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));

    /// <summary>
    /// The sample as /review loads it, from a one-review generated store, for benchmarks that render
    /// it. Synchronous because BenchmarkDotNet's [GlobalSetup] is.
    /// </summary>
    public static ReviewDetails Load()
    {
        using var store = StoreGenerator.CreateAsync(new StoreSize(1, 0, 0), CancellationToken.None).GetAwaiter().GetResult();
        var core = new CoreServices(store.DatabasePath);
        try
        {
            var answer = core.Get<ReviewQuery>().AskAsync(new ReviewRequest("metallic-rouge", null, "bench"), CancellationToken.None).GetAwaiter().GetResult();
            return (answer as ReviewAnswer.Found)?.Review ?? throw new InvalidOperationException($"Expected the sample review, got {answer}.");
        }
        finally
        {
            core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The sample as WordPress publishes a post body (see <see cref="WordPressArticle"/>), about another show if asked.</summary>
    public static string WordPressHtml(string showTitle = "Metallic Rouge") =>
        WordPressArticle.FromReviewText(Text.Replace("Metallic Rouge", showTitle, StringComparison.Ordinal));

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
}
