using System.Text;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The <c>feeds check URL</c> verb: fetches a feed once (unconditionally) and reports what each item
/// would become, storing nothing, so an operator can try a feed before adding it to Feeds:Sources.
/// Every item gets its own verdict; one that cannot be read or parsed never hides the others.
/// </summary>
public sealed class FeedCheck(FeedFetcher fetcher, FeedItemConverter converter, IReviewPreviewer previewer, IOptions<FeedsOptions> options)
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
                    items = FeedParser.Parse(body.Body, body.ContentType, body.FinalUrl, options.Value.MaxItemsPerPoll);
                }
                catch (FeedFormatException ex)
                {
                    return new FeedCheckReport(url, ex.Message, []);
                }

                var keys = new HashSet<string>(StringComparer.Ordinal);
                return new FeedCheckReport(url, null, items.Select((item, index) => Check(url, body.FinalUrl, item, index, keys)).ToList());
            default:
                // Unreachable: without validators the fetcher reports a 304 as a failure.
                return new FeedCheckReport(url, "The server answered 304 Not Modified to an unconditional request.", []);
        }
    }

    /// <param name="keys">The keys of the items before this one: polling imports only the first item of a key.</param>
    private FeedCheckItem Check(Uri url, Uri servedFrom, FeedItem item, int index, HashSet<string> keys)
    {
        var name = item.Name(index);
        if (index >= options.Value.MaxItemsPerPoll)
        {
            // Polling reads only the first items (feeds list the newest first): saying what one past
            // them would become promises an import that never happens.
            return new FeedCheckItem(name, item, null, null,
                $"skipped: only the first {options.Value.MaxItemsPerPoll} items of a feed are read at a poll (Feeds:MaxItemsPerPoll)");
        }

        if (!item.HasKey)
        {
            return new FeedCheckItem(name, item, null, null, "skipped: no guid or link (nothing to remember it by, so it is never imported)");
        }

        if (!keys.Add(item.Key))
        {
            return new FeedCheckItem(name, item, null, null, $"skipped: {FeedItem.DuplicateReason(item.Key)}");
        }

        if (item.Error is not null)
        {
            return new FeedCheckItem(name, item, null, null, $"would be rejected: {RefusalText.Visible(item.Error)}");
        }

        try
        {
            var converted = converter.Convert(url.ToString(), item, servedFrom);
            var preview = previewer.Preview(converted.Document);
            return new FeedCheckItem(name, item, converted.Document.Text, preview.Review, FeedCheckItem.VerdictOf(preview));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A converter or parser failure on this item is this item's verdict, not the feed's.
            return new FeedCheckItem(name, item, null, null, $"would be rejected: {RefusalText.Visible(ex.Message)}");
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
            text.Append("  - ").Append(item.Name).Append(": ").AppendLine(item.Verdict);
        }

        return text.ToString();
    }
}

/// <param name="Name">The item's title, else its key, else its position ("item 3").</param>
/// <param name="Text">Exactly what the importer would receive; null when the item could not be converted.</param>
/// <param name="Review">What it would be imported as; null when it would not be.</param>
/// <param name="Verdict">One line an operator can act on: what the item would become, or why it would not.</param>
public sealed record FeedCheckItem(string Name, FeedItem Item, string? Text, Review? Review, string Verdict)
{
    public bool WouldImport => Review is not null;

    public static string VerdictOf(ReviewPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return preview switch
        {
            { Review: { } review } => $"would import as {Describe(review)}",
            { Result.NotAReview: true } p => $"skipped, not a review ({p.Result.Error})",
            // Line numbers count in the converted text (the item's title line, then the article as
            // plain text), which is what the parser read.
            { Result: { Line: { } line } result } => $"would be rejected: line {line}: {result.Error}",
            var p => $"would be rejected: {p.Result.Error}",
        };
    }

    private static string Describe(Review review)
    {
        var verdict = review.Verdict is { } score ? $"verdict {score}" : "no verdict";
        var episodes = review.Episodes.Count == 1 ? "1 episode" : $"{review.Episodes.Count} episodes";
        return $"{review.ShowTitle} season {review.Season}, {verdict}, {episodes}";
    }
}
