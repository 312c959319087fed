using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Polls the configured feeds and hands new or changed items to the importer. Each feed runs its own
/// loop, so a failing or slow feed only ever delays itself; a semaphore bounds how many fetch at once.
/// </summary>
public sealed class FeedPoller(
    FeedFetcher fetcher,
    FeedItemConverter converter,
    FeedStateStore store,
    IReviewImporter importer,
    IOptions<FeedsOptions> options,
    TimeProvider timeProvider,
    CoreMetrics metrics,
    ILogger<FeedPoller> logger)
{
    /// <summary>
    /// How long an item the feed no longer lists is remembered unchanged before it is forgotten. Feeds
    /// list their latest items and move on; without forgetting, a feed that gives its items new guids
    /// now and then (or at every poll) would leave rows for ever. Long enough for a feed that drops
    /// items for a while (a cache serving an old copy, a page of it missing) to list them again as known.
    /// </summary>
    public static readonly TimeSpan ForgetItemsAfter = TimeSpan.FromDays(30);

    /// <summary>
    /// Where each redirected feed was last said to be served from. A moved feed stays moved until the
    /// operator edits Feeds:Sources, so saying it at every poll would only bury the log; it is said at
    /// the first poll after start and again when the final address changes.
    /// </summary>
    private readonly ConcurrentDictionary<string, Uri> redirectsReported = new(StringComparer.Ordinal);

    /// <summary>Runs until cancelled; the host's background service calls this.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Sources.Count == 0)
        {
            logger.LogInformation("No feeds configured (Feeds:Sources); feed polling is off");
            return;
        }

        using var gate = new SemaphoreSlim(settings.MaxConcurrentPolls);
        await Task.WhenAll(settings.Sources.Select(source => RunFeedAsync(source, gate, cancellationToken)));
    }

    private async Task RunFeedAsync(FeedSourceOptions source, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        // Leave the caller's thread at once so one feed's synchronous work never holds up the others' start.
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var state = await store.GetAsync(source.Url, cancellationToken);
                var wait = (state.NextPollUtc ?? timeProvider.GetUtcNow()) - timeProvider.GetUtcNow();
                var longest = options.Value.LongestWaitFor(source);
                if (wait > longest)
                {
                    // Saved under other settings (a longer interval then) or before the clock jumped back.
                    wait = longest;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }

                await gate.WaitAsync(cancellationToken);
                try
                {
                    metrics.FeedPolled((await PollAsync(source, cancellationToken)).Status);
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store or the importer failed, not the feed: wait a normal interval and try again.
                logger.LogError(ex, "Polling feed {FeedUrl} failed unexpectedly; retrying later", source.Url);
                try
                {
                    await Task.Delay(options.Value.IntervalFor(source), timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Polls one feed once: fetch (conditionally), import new and changed items, record state.</summary>
    public async Task<FeedPollResult> PollAsync(FeedSourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var settings = options.Value;
        var interval = settings.IntervalFor(source);
        var state = await store.GetAsync(source.Url, cancellationToken);
        var startedAt = timeProvider.GetUtcNow();

        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return await FailAsync(state, $"'{source.Url}' is not an absolute http(s) URL.", interval, startedAt, null, cancellationToken);
        }

        // Validators kept while reviews were read another way would let an unchanged feed answer 304 and
        // keep each review as that reading left it (FeedState.ReadAs).
        var current = state.ReadAs == ReviewImporter.HashVersion;
        var fetched = await fetcher.FetchAsync(url, current ? state.ETag : null, current ? state.LastModified : null, cancellationToken);
        switch (fetched)
        {
            case FeedFetchResult.NotModified:
                // The cheap path: nothing parsed, nothing imported.
                await store.SaveAsync(Succeeded(state, startedAt, interval), cancellationToken);
                logger.LogDebug("Feed {FeedUrl} not modified", source.Url);
                return new FeedPollResult(source.Url, FeedPollStatus.NotModified);

            case FeedFetchResult.Failed failed:
                return await FailAsync(state, failed.Error, interval, startedAt, failed.RetryAfter, cancellationToken);

            case FeedFetchResult.Fetched body:
                IReadOnlyList<FeedItem> items;
                try
                {
                    items = FeedParser.Parse(body.Body, body.ContentType, body.FinalUrl, options.Value.MaxItemsPerPoll);
                }
                catch (FeedFormatException ex)
                {
                    return await FailAsync(state, $"{body.FinalUrl}: {ex.Message}", interval, startedAt, null, cancellationToken);
                }

                ReportRedirect(source.Url, url, body.FinalUrl);

                var result = await ImportItemsAsync(state, items, body.FinalUrl, cancellationToken);

                // Only a fully handled poll moves the validators on and ends the first-poll (no announce)
                // phase; otherwise the next poll fetches everything again and retries what failed.
                var complete = result.Errors == 0;
                var next = Succeeded(state, startedAt, interval) with
                {
                    ETag = complete ? body.ETag : null,
                    LastModified = complete ? body.LastModified : null,
                    ReadAs = complete ? ReviewImporter.HashVersion : null,
                    FirstPollDone = state.FirstPollDone || complete,
                };
                await store.SaveAsync(next, cancellationToken);
                logger.LogInformation(
                    "Polled feed {FeedUrl}: {Items} items, {Imported} imported, {NotReviews} not reviews, {Rejected} rejected, {Skipped} without guid or link, {Errors} errors",
                    source.Url, result.Items, result.Imported, result.NotReviews, result.Rejected, result.Skipped, result.Errors);
                return result;

            default:
                throw new InvalidOperationException($"Unknown fetch result {fetched}.");
        }
    }

    private void ReportRedirect(string feedUrl, Uri url, Uri finalUrl)
    {
        if (finalUrl == url)
        {
            // Not redirected (any more): a redirect that comes back is said again.
            redirectsReported.TryRemove(feedUrl, out _);
            return;
        }

        if (redirectsReported.TryGetValue(feedUrl, out var reported) && reported == finalUrl)
        {
            return;
        }

        redirectsReported[feedUrl] = finalUrl;
        logger.LogInformation("Feed {FeedUrl} is served from {FinalUrl} after redirects; consider updating Feeds:Sources", feedUrl, finalUrl);
    }

    /// <param name="servedFrom">Where the feed was fetched from after redirects: its relative links are relative to that.</param>
    private async Task<FeedPollResult> ImportItemsAsync(FeedState state, IReadOnlyList<FeedItem> items, Uri servedFrom, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxItemsPerPoll;
        var known = await store.GetItemsAsync(state.Url, KeysOf(items.Take(limit)), cancellationToken);
        var keysThisPoll = new HashSet<string>(StringComparer.Ordinal);
        int imported = 0, notReviews = 0, rejected = 0, unchanged = 0, errors = 0, skipped = 0;
        if (items.Count > limit)
        {
            skipped += items.Count - limit;
            logger.LogWarning(
                "Feed {FeedUrl} lists {Items} items; only the first {MaxItemsPerPoll} are read (Feeds:MaxItemsPerPoll), the other {Skipped} are skipped",
                state.Url, items.Count, limit, items.Count - limit);
        }

        for (var index = 0; index < Math.Min(items.Count, limit); index++)
        {
            var item = items[index];
            if (!item.HasKey)
            {
                // Nothing to remember it by: it could never be told apart from the next poll's copy.
                skipped++;
                logger.LogInformation("Feed {FeedUrl} item {ItemTitle}: skipped: no guid or link", state.Url, item.Name(index));
                continue;
            }

            if (!keysThisPoll.Add(item.Key))
            {
                // Two items under one guid would each be stored over the other, on every poll, for
                // ever: the first one in the feed is the item, later ones are reported and left out.
                skipped++;
                logger.LogWarning(
                    "Feed {FeedUrl} item {ItemTitle}: skipped: {Reason}", state.Url, item.Name(index), FeedItem.DuplicateReason(item.Key));
                continue;
            }

            known.TryGetValue(item.Key, out var previous);
            var problem = item.Error;
            FeedItemDocument? converted = null;
            if (problem is null)
            {
                try
                {
                    converted = converter.Convert(state.Url, item, servedFrom);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    problem = ex.Message;
                }
            }

            if (converted is null)
            {
                // The item's own fault: remembered as rejected (by what it said), so it is neither
                // retried nor logged again until it changes; the rest of the feed goes on.
                var hash = FeedItemConverter.HashOf($"{item.Key}\n{item.Title}\n{item.Html}\n{problem}");
                if (previous?.ContentHash != hash)
                {
                    rejected++;
                    // Quoted from the feed (the parser's message, the item's markup): shown as an import's refusal is.
                    // The hash keeps the message as it came, so an item remembered before is not refused again.
                    var shown = RefusalText.Visible(problem!);
                    logger.LogWarning("Feed {FeedUrl} item {ItemTitle} could not be read: {Error}", state.Url, item.Name(index), shown);
                    await store.SaveItemAsync(
                        new FeedItemRecord(state.Url, item.Key, hash, FeedItemOutcome.Rejected, null, shown, previous?.FirstSeenUtc ?? timeProvider.GetUtcNow()),
                        timeProvider.GetUtcNow(), cancellationToken);
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            if (previous is not null && previous.ContentHash == converted.ContentHash)
            {
                unchanged++;
                continue;
            }

            // Announce only what is new after the first poll; an edited review was announced already.
            var announce = state.FirstPollDone && previous is not { Outcome: FeedItemOutcome.Imported };
            ImportResult outcome;
            try
            {
                outcome = await importer.ImportAsync(converted.Document with { Announce = announce }, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not remembered, so the next poll tries this item again.
                logger.LogError(ex, "Importing item {ItemKey} of feed {FeedUrl} failed", item.Key, state.Url);
                errors++;
                continue;
            }

            var record = new FeedItemRecord(
                state.Url, item.Key, converted.ContentHash, FeedItemOutcome.Imported, outcome.ReviewId, null,
                previous?.FirstSeenUtc ?? timeProvider.GetUtcNow());
            if (outcome.Succeeded)
            {
                imported++;
                logger.LogInformation(
                    "Feed {FeedUrl} item {ItemTitle}: {ImportStatus} review {ReviewId} (announce: {Announce})",
                    state.Url, item.Name(index), outcome.Status, outcome.ReviewId, announce);
            }
            else if (outcome.NotAReview)
            {
                // Logged once: the item is remembered by its hash and skipped until its content changes.
                notReviews++;
                record = record with { Outcome = FeedItemOutcome.NotAReview, Reason = outcome.Error };
                logger.LogInformation("Feed {FeedUrl} item {ItemTitle} is not a review; skipped: {Reason}", state.Url, item.Name(index), outcome.Error);
            }
            else
            {
                rejected++;
                record = record with { Outcome = FeedItemOutcome.Rejected, Reason = outcome.ToString() };
                logger.LogWarning("Feed {FeedUrl} item {ItemTitle} could not be imported: {Error}", state.Url, item.Name(index), outcome.ToString());
            }

            await store.SaveItemAsync(record, timeProvider.GetUtcNow(), cancellationToken);
        }

        var forgotten = await store.ForgetItemsAsync(state.Url, KeysOf(items), timeProvider.GetUtcNow() - ForgetItemsAfter, cancellationToken);
        if (forgotten > 0)
        {
            logger.LogInformation(
                "Feed {FeedUrl}: forgot {Forgotten} items it no longer lists, unchanged for {Days} days", state.Url, forgotten, ForgetItemsAfter.TotalDays);
        }

        return new FeedPollResult(state.Url, FeedPollStatus.Fetched, null, items.Count, imported, notReviews, rejected, unchanged, errors, skipped);
    }

    private static HashSet<string> KeysOf(IEnumerable<FeedItem> items) =>
        items.Where(item => item.HasKey).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);

    private FeedState Succeeded(FeedState state, DateTimeOffset now, TimeSpan interval) => state with
    {
        LastAttemptUtc = now,
        LastSuccessUtc = now,
        ConsecutiveFailures = 0,
        LastError = null,
        NextPollUtc = now + Jittered(interval),
    };

    /// <param name="retryAfter">The server's own Retry-After: honoured when it is longer than the backoff, up to Feeds:MaxBackoff.</param>
    private async Task<FeedPollResult> FailAsync(
        FeedState state, string error, TimeSpan interval, DateTimeOffset now, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var failures = state.ConsecutiveFailures + 1;
        var maxBackoff = options.Value.MaxBackoff;
        var delay = Jittered(FeedBackoff.Delay(interval, failures, maxBackoff));
        if (retryAfter is { } asked && asked > delay)
        {
            // Polling sooner than a rate-limited or overloaded server asked is impolite and only
            // fails again; the cap keeps a feed that asks for years from being given up for good.
            delay = asked < maxBackoff ? asked : maxBackoff;
        }

        var next = state with
        {
            LastAttemptUtc = now,
            ConsecutiveFailures = failures,
            LastError = error,
            NextPollUtc = now + delay,
        };
        await store.SaveAsync(next, cancellationToken);
        logger.LogWarning(
            "Polling feed {FeedUrl} failed ({Failures} in a row); next try at {NextPollUtc}: {Error}",
            state.Url, failures, next.NextPollUtc, error);
        return new FeedPollResult(state.Url, FeedPollStatus.Failed, error);
    }

    private TimeSpan Jittered(TimeSpan interval) =>
        interval + (interval * (options.Value.Jitter * Random.Shared.NextDouble()));
}
