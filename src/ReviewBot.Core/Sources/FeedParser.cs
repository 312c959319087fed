using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace ReviewBot.Core.Sources;

/// <summary>Reads RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication.</summary>
public static class FeedParser
{
    private const string ContentModuleNamespace = "http://purl.org/rss/1.0/modules/content/";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        // Feeds come from the internet: no DTDs, no external entities.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        Async = false,
    };

    /// <exception cref="FeedFormatException">The body is HTML, malformed XML, or XML that is not a feed.</exception>
    public static IReadOnlyList<FeedItem> Parse(ReadOnlyMemory<byte> body, string? contentType, Uri? url = null)
    {
        if (LooksLikeHtml(body.Span))
        {
            var advertised = AdvertisedFeed(body, url);
            throw new FeedFormatException(
                $"The URL returned an HTML page (Content-Type: {contentType ?? "none"}), not an RSS or Atom feed. " +
                (advertised is not null
                    ? $"The page advertises a feed at {advertised}; configure that address instead."
                    : "Use the site's feed address instead (WordPress sites serve it at /feed/)."));
        }

        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            reader.MoveToContent();
            var formatter = FormatterFor(reader);
            formatter.ReadFrom(reader);
            feed = formatter.Feed;
        }
        catch (XmlException ex) when (ex.LineNumber > 0)
        {
            throw new FeedFormatException($"The feed is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"The document is XML but not an RSS 2.0 or Atom 1.0 feed: {ex.Message}", ex);
        }

        var items = new List<FeedItem>();
        foreach (var item in feed.Items)
        {
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
            if (link is { IsAbsoluteUri: false } && feed.BaseUri is { } baseUri)
            {
                link = new Uri(baseUri, link);
            }

            var key = !string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : link?.ToString();
            if (key is null)
            {
                // Without a guid or a link there is nothing stable to remember the item by.
                continue;
            }

            var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
            items.Add(new FeedItem(key, item.Title?.Text?.Trim() ?? "", link, ContentOf(item), published));
        }

        return items;
    }

    private static SyndicationFeedFormatter FormatterFor(XmlReader reader)
    {
        SyndicationFeedFormatter formatter = new Rss20FeedFormatter();
        if (!formatter.CanRead(reader))
        {
            formatter = new Atom10FeedFormatter();
            if (!formatter.CanRead(reader))
            {
                throw new FeedFormatException(
                    $"The document is XML but not an RSS 2.0 or Atom 1.0 feed (its root element is <{reader.LocalName}> in namespace '{reader.NamespaceURI}').");
            }
        }

        // Real feeds carry dates the strict RFC 822 / RFC 3339 readers reject ("2024-04-01 10:00",
        // "Mon, 1 Apr 2024 10:00:00 PDT"). A date only orders items, so a bad one must not lose the
        // feed: try harder, and otherwise leave the date out.
        var strict = formatter.DateTimeParser;
        formatter.DateTimeParser = (XmlDateTimeData data, out DateTimeOffset value) =>
        {
            if (strict(data, out value))
            {
                return true;
            }

            if (!DateTimeOffset.TryParse(data.DateTimeString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            {
                value = default;
            }

            return true;
        };
        return formatter;
    }

    private static string ContentOf(SyndicationItem item)
    {
        // WordPress puts the full article in content:encoded and an excerpt in description.
        var encoded = item.ElementExtensions
            .Where(e => e.OuterName == "encoded" && e.OuterNamespace == ContentModuleNamespace)
            .Select(ReadText)
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
        if (encoded is not null)
        {
            return encoded;
        }

        return item.Content switch
        {
            TextSyndicationContent { Type: "text" } text => System.Net.WebUtility.HtmlEncode(text.Text).Replace("\n", "<br>", StringComparison.Ordinal),
            TextSyndicationContent text => text.Text,
            _ => item.Summary?.Text ?? "",
        };
    }

    private static string ReadText(SyndicationElementExtension extension)
    {
        using var reader = extension.GetReader();
        return reader.ReadElementContentAsString();
    }

    /// <summary>The feed a page links to with &lt;link rel="alternate" type="application/rss+xml"&gt;, if any.</summary>
    private static Uri? AdvertisedFeed(ReadOnlyMemory<byte> body, Uri? url)
    {
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Encoding.UTF8.GetString(body.Span));
        var href = document.QuerySelectorAll("link[rel~=alternate][href]")
            .Where(l => l.GetAttribute("type") is "application/rss+xml" or "application/atom+xml")
            .Select(l => l.GetAttribute("href"))
            .FirstOrDefault();
        if (href is null)
        {
            return null;
        }

        return url is null ? Uri.TryCreate(href, UriKind.Absolute, out var absolute) ? absolute : null
            : Uri.TryCreate(url, href, out var resolved) ? resolved : null;
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
