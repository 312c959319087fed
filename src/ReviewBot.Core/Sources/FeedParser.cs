using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication, one item at a time: an item the
/// syndication reader rejects (a malformed link, enclosure or source) becomes that item's error, and
/// the items around it are still read.
/// </summary>
public static class FeedParser
{
    private const string ContentModuleNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string Atom10Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>Deepest element nesting read inside an item (the item itself is level 0).</summary>
    private const int MaxItemDepth = 256;

    /// <summary>How much of an HTML page is searched for the feed it advertises; heads are far shorter.</summary>
    private const int AdvertisedFeedScanBytes = 1024 * 1024;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        // Feeds come from the internet: no DTDs, no external entities.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        Async = false,
        // XML 1.0 has no C0 controls but tab and line breaks, yet feeds carry them (a backspace pasted
        // into a title, a form feed from a word processor, written or as &#8;). Read strictly, one such
        // item made the whole feed not well-formed; let through, it reaches the review parser, which
        // refuses a control character in any document, so it costs that item only.
        CheckCharacters = false,
    };

    /// <summary>How an item is written out to be read again (<see cref="CopyItem"/>, <see cref="ReadItemCore"/>): what was read is written, controls too.</summary>
    private static readonly XmlWriterSettings CopySettings = new()
    {
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Fragment,
        CheckCharacters = false,
    };

    /// <param name="readItems">
    /// How many items are read (Feeds:MaxItemsPerPoll); the ones after are only listed, by their key and
    /// title, with <see cref="FeedItem.Error"/> saying they were not read.
    /// </param>
    /// <exception cref="FeedFormatException">The body is HTML, malformed XML, or XML that is not a feed.</exception>
    public static IReadOnlyList<FeedItem> Parse(ReadOnlyMemory<byte> body, string? contentType, Uri? url = null, int readItems = int.MaxValue)
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

        var items = new List<FeedItem>();
        try
        {
            using var reader = FeedEncoding.CreateReader(body, FeedEncoding.CharsetOf(contentType), ReaderSettings);
            reader.MoveToContent();
            var atom = IsAtom(reader);
            var envelope = ReadEnvelope(reader, atom);
            foreach (var element in ItemElements(reader, atom, readItems))
            {
                items.Add(element.Listed ?? ReadItem(envelope, (element.Element!, element.TooDeep), atom));
            }
        }
        catch (XmlException ex) when (ex.LineNumber > 0)
        {
            throw new FeedFormatException($"The feed is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"The document is XML but not an RSS 2.0 or Atom 1.0 feed: {ex.Message}", ex);
        }

        return items;
    }

    private static bool IsAtom(XmlReader reader)
    {
        if (new Rss20FeedFormatter().CanRead(reader))
        {
            return false;
        }

        if (new Atom10FeedFormatter().CanRead(reader))
        {
            return true;
        }

        throw new FeedFormatException(
            $"The document is XML but not an RSS 2.0 or Atom 1.0 feed (its root element is <{reader.LocalName}> in namespace '{reader.NamespaceURI}').");
    }

    /// <summary>
    /// The feed's envelope without its children (&lt;rss&gt;&lt;channel&gt; or &lt;feed&gt;, with their
    /// xml:base and xml:lang), as the text before and after an item: each item is read inside it, so
    /// one item the syndication reader rejects costs only that item. It is serialized once and holds a
    /// bounded number of attributes, so putting it round every item costs the same for any envelope.
    /// Leaves the reader on the element whose children are the items.
    /// </summary>
    private static Envelope ReadEnvelope(XmlReader reader, bool atom)
    {
        var root = StartElement(reader);
        if (atom)
        {
            return Envelope.Around(root, root);
        }

        // <rss> holds one <channel>, which holds the items.
        if (reader.IsEmptyElement || !reader.Read())
        {
            throw new XmlException("The <rss> element has no <channel>.");
        }

        while (reader.MoveToContent() == XmlNodeType.Element && !(reader.LocalName == "channel" && reader.NamespaceURI.Length == 0))
        {
            reader.Skip();
        }

        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new XmlException("The <rss> element has no <channel>.");
        }

        var channel = StartElement(reader);
        root.Add(channel);
        return Envelope.Around(root, channel);
    }

    private sealed record Envelope(string Start, string End)
    {
        private const string ItemPlace = "<!--item-->";

        public static Envelope Around(XElement root, XElement container)
        {
            container.Add(new XComment("item"));
            var text = root.ToString(SaveOptions.DisableFormatting);
            var at = text.IndexOf(ItemPlace, StringComparison.Ordinal);
            return new Envelope(text[..at], text[(at + ItemPlace.Length)..]);
        }
    }

    private static XElement StartElement(XmlReader reader)
    {
        var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // Only what reading an item depends on is kept: xml:base (relative links) and
                // xml:lang, and the RSS version. Namespace declarations are not needed: each copied
                // item declares the namespaces it uses itself (CopyItem writes them). Everything
                // else is dropped, so an envelope with thousands of attributes costs one pass here.
                var kept = reader.NamespaceURI == XNamespace.Xml.NamespaceName && reader.LocalName is "base" or "lang"
                    || reader.NamespaceURI.Length == 0 && reader.LocalName == "version";
                if (kept)
                {
                    element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                }
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }

        return element;
    }

    /// <summary>
    /// The container's items in order, one by one. Feed-level elements (title, image, a feed's own
    /// extensions) are skipped, not kept: every item is read inside a copy of the envelope, so
    /// whatever the envelope holds is copied once per item, and a feed with many of both would cost
    /// their product. Nothing an item yields depends on them (xml:base and namespaces are attributes).
    /// </summary>
    /// <param name="readItems">Items after this many are yielded as <c>Listed</c>, read in one pass for their key and title alone.</param>
    private static IEnumerable<(XElement? Element, bool TooDeep, FeedItem? Listed)> ItemElements(XmlReader reader, bool atom, int readItems)
    {
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        var itemName = atom ? XName.Get("entry", Atom10Namespace) : XName.Get("item");
        var seen = 0;
        reader.Read();
        while (true)
        {
            switch (reader.MoveToContent())
            {
                case XmlNodeType.Element when reader.LocalName == itemName.LocalName && reader.NamespaceURI == itemName.NamespaceName:
                    if (seen++ < readItems)
                    {
                        var (element, tooDeep) = CopyItem(reader);
                        yield return (element, tooDeep, null);
                    }
                    else
                    {
                        yield return (null, false, ListItem(reader, atom, readItems));
                    }

                    break;
                case XmlNodeType.Element:
                    reader.Skip();
                    break;
                case XmlNodeType.EndElement or XmlNodeType.None:
                    yield break;
                default:
                    // Stray text between items belongs to no item; the items after it still count.
                    reader.Read();
                    break;
            }
        }
    }

    /// <summary>
    /// The item the reader is on, as an element, leaving the reader after it. Elements nested deeper
    /// than <see cref="MaxItemDepth"/> are left out (TooDeep): building an XElement tree costs time
    /// quadratic in its depth (each node added checks its ancestors), and a 10 MiB body can nest three
    /// million deep. A feed item's markup is escaped text, so its elements nest a few levels at most.
    /// </summary>
    private static (XElement Element, bool TooDeep) CopyItem(XmlReader reader)
    {
        var tooDeep = false;
        var text = new StringBuilder();
        using (var item = reader.ReadSubtree())
        using (var writer = XmlWriter.Create(text, CopySettings))
        {
            var more = item.Read();
            while (more)
            {
                switch (item.NodeType)
                {
                    case XmlNodeType.Element when item.Depth >= MaxItemDepth:
                        tooDeep = true;
                        item.Skip();
                        more = !item.EOF;
                        continue;
                    case XmlNodeType.Element:
                        var empty = item.IsEmptyElement;
                        writer.WriteStartElement(item.Prefix, item.LocalName, item.NamespaceURI);
                        WriteAttributes(writer, item);
                        if (empty)
                        {
                            writer.WriteEndElement();
                        }

                        break;
                    case XmlNodeType.EndElement:
                        writer.WriteFullEndElement();
                        break;
                    case XmlNodeType.CDATA when !FeedCharacters.HasLoneSurrogate(item.Value):
                        writer.WriteCData(item.Value);
                        break;
                    case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA:
                        FeedCharacters.WriteText(writer, item.Value);
                        break;
                }

                more = item.Read();
            }
        }

        // Closing the subtree reader leaves the reader on the item's end (or the empty item itself).
        reader.Read();
        using var copy = XmlReader.Create(new StringReader(text.ToString()), ReaderSettings);
        return (XElement.Load(copy, LoadOptions.PreserveWhitespace), tooDeep);
    }

    /// <summary>The attributes of the element <paramref name="reader"/> is on, their values written as <see cref="FeedCharacters.WriteText"/> writes text.</summary>
    private static void WriteAttributes(XmlWriter writer, XmlReader reader)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            writer.WriteStartAttribute(reader.Prefix, reader.LocalName, reader.NamespaceURI);
            FeedCharacters.WriteText(writer, reader.Value);
            writer.WriteEndAttribute();
        }
        while (reader.MoveToNextAttribute());
        reader.MoveToElement();
    }

    /// <summary>
    /// An item past the ones read, as its key and title alone, leaving the reader after it. Polling
    /// skips such items but still needs their keys (what a feed lists is not forgotten), and feeds
    /// check names them; reading each through the syndication reader inside a copy of the envelope
    /// cost tens of kilobytes apiece, and a 10 MiB body lists a million and a half empty items. Here the
    /// item's child elements are read in one pass, as <see cref="FallbackKey"/> and <see cref="FallbackTitle"/> read them.
    /// </summary>
    private static FeedItem ListItem(XmlReader reader, bool atom, int readItems)
    {
        var ns = atom ? Atom10Namespace : "";
        string? id = null, link = null, title = null;
        using (var item = reader.ReadSubtree())
        {
            while (item.Read())
            {
                if (item.NodeType != XmlNodeType.Element || item.Depth != 1 || item.NamespaceURI != ns)
                {
                    continue;
                }

                switch (item.LocalName)
                {
                    case "guid" when !atom:
                    case "id" when atom:
                        id ??= TextOf(item);
                        break;
                    case "link" when atom:
                        var href = item.GetAttribute("href");
                        link ??= string.IsNullOrWhiteSpace(href) ? null : href;
                        break;
                    case "link":
                        link ??= TextOf(item);
                        break;
                    case "title":
                        title ??= TextOf(item);
                        break;
                }
            }
        }

        // Closing the subtree reader leaves the reader on the item's end (or the empty item itself).
        reader.Read();
        var key = !string.IsNullOrWhiteSpace(id) ? id.Trim() : link?.Trim() ?? "";
        return new FeedItem(FeedItem.KeyOf(key), OneLine(title), null, "", null,
            Error: $"not read: only the first {readItems} items of a feed are read");
    }

    /// <summary>The text inside the element the reader is on, leaving the reader on its end.</summary>
    private static string TextOf(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>One item, read by the syndication formatter inside a copy of the feed's envelope.</summary>
    private static FeedItem ReadItem(Envelope envelope, (XElement Element, bool TooDeep) copied, bool atom)
    {
        var element = copied.Element;
        var key = FeedItem.KeyOf(FallbackKey(element, atom));
        var title = FallbackTitle(element, atom);
        if (copied.TooDeep)
        {
            return new FeedItem(key, title, null, "", null,
                Error: $"the item nests elements deeper than {MaxItemDepth} levels, which no feed item does; it was not read");
        }

        try
        {
            return ReadItemCore(envelope, element, atom);
        }
        catch (Exception ex)
        {
            // Whatever reading this item throws is this item's problem only: the formatter's reading,
            // and also what is read from its result afterwards (an extension such as content:encoded
            // is only parsed when its text is asked for, so markup inside it throws there).
            return new FeedItem(key, title, null, "", null, Error: $"the item could not be read ({Innermost(ex).Message})");
        }
    }

    private static FeedItem ReadItemCore(Envelope envelope, XElement element, bool atom)
    {
        // Read back as text: the formatters expect a reader that reports whitespace between
        // elements as whitespace, which an XElement's own reader does not.
        var written = new StringBuilder(envelope.Start);
        using (var writer = XmlWriter.Create(written, CopySettings))
        {
            element.WriteTo(writer);
        }

        using var text = new StringReader(written.Append(envelope.End).ToString());
        using var itemReader = XmlReader.Create(text, ReaderSettings);
        itemReader.MoveToContent();
        var formatter = atom ? (SyndicationFeedFormatter)new Atom10FeedFormatter() : new Rss20FeedFormatter();
        Lenient(formatter);
        formatter.ReadFrom(itemReader);
        var feed = formatter.Feed;

        if (feed.Items.FirstOrDefault() is not { } item)
        {
            throw new FormatException("the feed reader found no item in it");
        }

        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        if (link is { IsAbsoluteUri: false } && feed.BaseUri is { IsAbsoluteUri: true } baseUri)
        {
            link = Uri.TryCreate(baseUri, link, out var absolute) ? absolute : link;
        }

        // Without a guid or a link there is nothing stable to remember the item by: the key stays
        // empty and the sources say so for that item (FeedItem.HasKey).
        var id = FeedItem.KeyOf(!string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : link?.ToString() ?? "");
        var published = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : (DateTimeOffset?)null;
        return new FeedItem(id, OneLine(item.Title?.Text), link, ContentOf(item), published);
    }

    /// <summary>
    /// A title on one line. Feeds written by hand or by an XML pretty-printer wrap a long title, and
    /// there the break means a space: kept, it would end the title line of the document the parser
    /// reads (the rest of the headline falling into the body) and split the item's line in the
    /// feeds check report. Spacing within a line is kept as it is.
    /// </summary>
    private static string OneLine(string? title) =>
        title is null ? "" : string.Join(' ', title.Split(['\r', '\n', '\u2028', '\u2029'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a broken item is remembered and shown by: its guid or link (RSS), id or link (Atom), as text.</summary>
    private static string FallbackKey(XElement element, bool atom)
    {
        XNamespace ns = atom ? Atom10Namespace : "";
        var id = element.Element(ns + (atom ? "id" : "guid"))?.Value.Trim();
        var link = atom ? element.Elements(ns + "link").Select(l => (string?)l.Attribute("href")).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h))
            : element.Element(ns + "link")?.Value;
        return !string.IsNullOrWhiteSpace(id) ? id : link?.Trim() ?? "";
    }

    private static string FallbackTitle(XElement element, bool atom) =>
        OneLine(element.Element((atom ? (XNamespace)Atom10Namespace : "") + "title")?.Value);

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static void Lenient(SyndicationFeedFormatter formatter)
    {
        // Real feeds carry dates the strict RFC 822 / RFC 3339 readers reject ("2024-04-01 10:00",
        // "Mon, 1 Apr 2024 10:00:00 PDT"). A date only orders items, so a bad one must not lose the
        // feed: try harder, and otherwise leave the date out.
        var strict = formatter.DateTimeParser;
        formatter.DateTimeParser = (XmlDateTimeData data, out DateTimeOffset value) =>
        {
            // Day and month either way round is no more a date than "last week": read month first (as
            // the formatter's own reader and the runtime's both do), it would be wrong for most of the world.
            if (Reviews.AmbiguousDates.Problem(data.DateTimeString) is not null)
            {
                value = default;
                return true;
            }

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

    /// <summary>
    /// The feed a page links to with &lt;link rel="alternate" type="application/rss+xml"&gt;, if any.
    /// Only the page's head is read, in one pass over its first <see cref="AdvertisedFeedScanBytes"/>:
    /// building the whole page as a tree would cost time that grows faster than the page.
    /// </summary>
    private static Uri? AdvertisedFeed(ReadOnlyMemory<byte> body, Uri? url)
    {
        var head = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, AdvertisedFeedScanBytes)]);
        var href = HtmlTokens.AdvertisedFeed(head);
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
