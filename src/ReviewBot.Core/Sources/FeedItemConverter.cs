using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Sources;

/// <summary>Turns a feed item into the importer's document: title line, then the article as plain text.</summary>
public sealed class FeedItemConverter(HtmlToText htmlToText)
{
    /// <param name="feedUrl">The feed as configured: what scopes the item's key, whatever it redirects to.</param>
    /// <param name="servedFrom">
    /// Where the feed was fetched from after redirects; null when that is <paramref name="feedUrl"/>.
    /// A relative link is relative to the document it is in, and the document's address is the one
    /// it was retrieved from (RFC 3986, 5.1.3): a site that moved its feed moved its articles with it.
    /// </param>
    public FeedItemDocument Convert(string feedUrl, FeedItem item, Uri? servedFrom = null)
    {
        var body = htmlToText.Convert(item.Html);

        // The plain-text format starts with the article's title ("<Show> Season <N> Review – <headline>");
        // WordPress keeps that in <title>, not in content:encoded, so it is put back on top.
        var text = item.Title.Length == 0 || body.StartsWith(item.Title, StringComparison.Ordinal)
            ? body
            : item.Title + "\n\n" + body;

        // Guids are meant to be global, but some feeds use bare numbers or paths: only one that names
        // something the same for everyone is used as it is, anything else is scoped to the feed.
        var sourceKey = IsGlobal(item.Key) ? item.Key : $"{feedUrl}#{item.Key}";
        var displayName = item.Title.Length == 0 ? $"{feedUrl} item {item.Key}" : $"{feedUrl} \"{item.Title}\"";
        // A relative link is relative to the feed; one that is still no web address (javascript:,
        // file:) is no link at all rather than a reason to refuse the review.
        var link = ReviewUrl.Resolve(item.Link, servedFrom?.AbsoluteUri ?? feedUrl);
        var document = new ReviewDocument(sourceKey, displayName, text, ReviewOrigin.Feed, Announce: true, SourceUrl: link);
        return new FeedItemDocument(item, document, Hash(text, link));
    }

    /// <summary>
    /// What the importer would store from the item: its text and its link, as the importer's version of
    /// reading reviews reads them (<see cref="ReviewImporter.HashVersion"/>). A site that moves to https
    /// or fixes a permalink changes only the link, and with the text alone as the hash the poll would
    /// call the item unchanged and keep the old link for ever; a build that reads reviews another way
    /// would likewise keep every item as an earlier build read it.
    /// </summary>
    private static string Hash(string text, Uri? link) =>
        HashOf(link is null ? $"{ReviewImporter.HashVersion}\n{text}" : $"{ReviewImporter.HashVersion}\n{text}\n{link.AbsoluteUri}");

    /// <summary>
    /// A web address, a urn (RFC 8141) or a tag URI (RFC 4151). Not any absolute URI: on Linux "/1"
    /// parses as file:///1, so two feeds numbering items by path would share keys, and a guid shaped
    /// like a path could name a file the import command stored under its full path.
    /// </summary>
    private static bool IsGlobal(string key) =>
        Uri.TryCreate(key, UriKind.Absolute, out var uri) && (ReviewUrl.Web(uri) is not null || uri.Scheme is "urn" or "tag");

    /// <summary>SHA-256 of <paramref name="text"/> as lowercase hex: what feed_item.content_hash holds.</summary>
    public static string HashOf(string text) => System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <param name="ContentHash">SHA-256 of the text and link handed to the importer: an unchanged hash means nothing to do.</param>
public sealed record FeedItemDocument(FeedItem Item, ReviewDocument Document, string ContentHash);
