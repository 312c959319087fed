using System.Text;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The <c>feeds check URL</c> verb: fetches a feed once (unconditionally) and reports what each item
/// would become, storing nothing, so an operator can try a feed before adding it to Feeds:Sources.
/// </summary>
public sealed class FeedCheck(FeedFetcher fetcher, FeedItemConverter converter, IReviewPreviewer? previewer = null)
{
    public async Task<FeedCheckReport> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var fetched = await fetcher.FetchAsync(url, etag: null, lastModified: null, cancellationToken);
        switch (fetched)
        {
            case FeedFetchResult.Failed failed:
                return new FeedCheckReport(url, failed.Error, []);
            case FeedFetchResult.Fetched body:
                IReadOnlyList<FeedItem> items;
                try
                {
                    items = FeedParser.Parse(body.Body, body.ContentType, body.FinalUrl);
                }
                catch (FeedFormatException ex)
                {
                    return new FeedCheckReport(url, ex.Message, []);
                }

                var checkedItems = items
                    .Select(item => converter.Convert(url.ToString(), item))
                    .Select(c => new FeedCheckItem(c.Item.Key, c.Item.Title, c.Item.Link, c.Document.Text, previewer?.Preview(c.Document)))
                    .ToList();
                return new FeedCheckReport(url, null, checkedItems);
            default:
                // Unreachable without validators: no If-None-Match was sent.
                return new FeedCheckReport(url, "The server answered 304 Not Modified to an unconditional request.", []);
        }
    }
}

/// <param name="Error">Why the feed could not be read at all; null when it could.</param>
public sealed record FeedCheckReport(Uri Url, string? Error, IReadOnlyList<FeedCheckItem> Items)
{
    public bool Succeeded => Error is null;

    public int WouldImport => Items.Count(i => i.WouldImport);

    /// <summary>What the CLI prints.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        if (Error is not null)
        {
            text.Append("Feed ").Append(Url).Append(" could not be read: ").AppendLine(Error);
            return text.ToString();
        }

        text.Append("Feed ").Append(Url).Append(": ").Append(Items.Count).Append(" items, ")
            .Append(WouldImport).AppendLine(" would be imported (nothing was stored).");
        foreach (var item in Items)
        {
            text.Append("  - ").Append(item.Title.Length > 0 ? item.Title : item.Key).Append(": ").AppendLine(item.Verdict);
        }

        return text.ToString();
    }
}

/// <param name="Text">Exactly what the importer would receive.</param>
/// <param name="Preview">The parser's verdict, when a previewer is registered.</param>
public sealed record FeedCheckItem(string Key, string Title, Uri? Link, string Text, ImportResult? Preview)
{
    public bool WouldImport => Preview is { Succeeded: true };

    public string Verdict => Preview switch
    {
        null => "not parsed (no review parser registered)",
        { Succeeded: true } p => $"would import as {p.ShowSlug}",
        { NotAReview: true } p => $"skipped, not a review ({p.Error})",
        var p => $"would be rejected: {p}",
    };
}
