using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Sources;

/// <summary>Turns a feed item into the importer's document: title line, then the article as plain text.</summary>
public sealed class FeedItemConverter(HtmlToText htmlToText)
{
    public FeedItemDocument Convert(string feedUrl, FeedItem item)
    {
        var body = htmlToText.Convert(item.Html);

        // The plain-text format starts with the article's title ("<Show> Season <N> Review – <headline>");
        // WordPress keeps that in <title>, not in content:encoded, so it is put back on top.
        var text = item.Title.Length == 0 || body.StartsWith(item.Title, StringComparison.Ordinal)
            ? body
            : item.Title + "\n\n" + body;

        // Guids are meant to be global, but some feeds use bare numbers: scope those to the feed.
        var sourceKey = Uri.TryCreate(item.Key, UriKind.Absolute, out _) ? item.Key : $"{feedUrl}#{item.Key}";
        var displayName = item.Title.Length == 0 ? $"{feedUrl} item {item.Key}" : $"{feedUrl} \"{item.Title}\"";
        // A relative link is relative to the feed; one that is still no web address (javascript:,
        // file:) is no link at all rather than a reason to refuse the review.
        var link = ReviewUrl.Resolve(item.Link, feedUrl);
        var document = new ReviewDocument(sourceKey, displayName, text, ReviewOrigin.Feed, Announce: true, SourceUrl: link);
        return new FeedItemDocument(item, document, Hash(text));
    }

    private static string Hash(string text) => HashOf(text);

    /// <summary>SHA-256 of <paramref name="text"/> as lowercase hex: what feed_item.content_hash holds.</summary>
    public static string HashOf(string text) => System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <param name="ContentHash">SHA-256 of the text handed to the importer: an unchanged hash means nothing to do.</param>
public sealed record FeedItemDocument(FeedItem Item, ReviewDocument Document, string ContentHash);
