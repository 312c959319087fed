using System.Text;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The <c>feeds check URL</c> verb: fetches a feed once (unconditionally) and reports what each item
/// would become, storing nothing, so an operator can try a feed before adding it to Feeds:Sources.
/// </summary>
public sealed class FeedCheck(FeedFetcher fetcher, FeedItemConverter converter, IReviewPreviewer previewer)
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
                    .Select(c => new FeedCheckItem(c.Item.Key, c.Item.Title, c.Item.Link, c.Document.Text, previewer.Preview(c.Document)))
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
/// <param name="Preview">The parser's verdict on <paramref name="Text"/>.</param>
public sealed record FeedCheckItem(string Key, string Title, Uri? Link, string Text, ReviewPreview Preview)
{
    public bool WouldImport => Preview.Review is not null;

    /// <summary>One line an operator can act on: what the item would become, or why it would not.</summary>
    public string Verdict => Preview switch
    {
        { Review: { } review } => $"would import as {Describe(review)}",
        { Result.NotAReview: true } p => $"skipped, not a review ({p.Result.Error})",
        var p => $"would be rejected: {Where(p.Result)}{p.Result.Error}",
    };

    private static string Describe(Review review)
    {
        var verdict = review.Verdict is { } score ? $"verdict {score}" : "no verdict";
        var episodes = review.Episodes.Count == 1 ? "1 episode" : $"{review.Episodes.Count} episodes";
        return $"{review.ShowTitle} season {review.Season}, {verdict}, {episodes}";
    }

    // Line numbers count in the converted text (see Text), which is what the parser read.
    private static string Where(ImportResult result) => result.Line is { } line ? $"line {line} of the converted text: " : "";
}
