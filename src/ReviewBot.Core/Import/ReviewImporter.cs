using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Import;

/// <summary>Parses a document and saves it in one transaction with every save participant.</summary>
public sealed class ReviewImporter(
    ReviewDatabase connections,
    ReviewParser parser,
    Summariser summariser,
    ShowStore shows,
    ReviewStore reviews,
    IEnumerable<IReviewSaveParticipant> participants,
    ShowTitleIndex titleIndex,
    ReviewCharts charts,
    IEnumerable<IAfterReviewStored> afterStored,
    ReviewVersionCache versions,
    TimeProvider time,
    ILogger<ReviewImporter> logger) : IReviewImporter
{
    private readonly IReadOnlyList<IReviewSaveParticipant> _participants = participants.ToList();
    private readonly IReadOnlyList<IAfterReviewStored> _afterStored = afterStored.ToList();

    public async Task<ImportResult> ImportAsync(ReviewDocument document, CancellationToken cancellationToken)
    {
        // The file front end checks bytes; feeds and the inbox hand text straight here.
        if (document.Text.Length > ReviewFileImporter.MaxFileBytes)
        {
            return new ImportResult(ImportStatus.Rejected, document.DisplayName,
                Error: $"the text is {document.Text.Length:N0} characters; the limit for a review is 1 MiB");
        }

        ParseResult parsed;
        try
        {
            parsed = parser.Parse(document.Text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The parsers report what they expected as a result; an exception is a case they did not
            // foresee. It is still this document's problem, and one document must not stop a batch
            // (a folder, a feed) or be retried forever as if the database had failed.
            logger.LogWarning("Rejected {Document}: {Error}", Shown(document), RefusalText.Visible(ParseFailure(ex)));
            logger.LogDebug(ex, "The parser failed on {Document}", Shown(document));
            return new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: ParseFailure(ex));
        }

        if (parsed.Review is not { } review)
        {
            logger.LogWarning("Rejected {Document} at line {Line}: {Error}", Shown(document), parsed.Line, RefusalText.Visible(parsed.Error ?? ""));
            return new ImportResult(ImportStatus.Rejected, document.DisplayName, Error: parsed.Error, Line: parsed.Line, NotAReview: parsed.NotAReview);
        }

        // Whatever a source hands over, only a web address is stored: readers link to it as it is.
        var sourceUrl = ReviewUrl.Web(review.SourceUrl) ?? ReviewUrl.Web(document.SourceUrl);
        var hash = Hash(document.Text, sourceUrl);
        var now = time.GetUtcNow();

        // Bounded here, where every source's key is stored, rather than by each source: a file's full
        // path can be longer than an index entry as surely as a feed's guid.
        var sourceKey = SourceKeys.Bounded(document.SourceKey);

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        var (show, showCreated) = await SourceShowAsync(connection, transaction, sourceKey, review.ShowTitle, cancellationToken) is { } own
            ? (own, false)
            : await shows.UpsertAsync(connection, transaction, review.ShowTitle, now, cancellationToken);
        var existing = await reviews.FindForImportAsync(connection, transaction, sourceKey, show.Id, review.Season, cancellationToken);
        if (existing is not null && existing.ContentHash == hash)
        {
            return new ImportResult(ImportStatus.Unchanged, document.DisplayName, existing.Review.Id, show.Slug);
        }

        if (existing is not null && existing.Review.Show.Id != show.Id && !showCreated
            && ShowTitleKey.From(existing.Review.Show.Title) == ShowTitleKey.From(review.ShowTitle))
        {
            // The source's own show, stored twice before keys left format characters out: its
            // look-alike took the key, this one kept its review, and the review is edited where it is.
            show = existing.Review.Show;
        }

        if (existing is not null && existing.Review.Show.Id != show.Id)
        {
            // The same file path or feed item now names another show: updating would silently
            // replace that show's review with a different show's. Nothing is written.
            return new ImportResult(ImportStatus.Rejected, document.DisplayName,
                Error: $"this source was imported as {existing.Review.Show.Title} Season {existing.Review.Season} (review id {existing.Review.Id}) "
                    + $"and now names {review.ShowTitle}; a review is never replaced by another show's: import the new review from its own file or feed item");
        }

        if (existing is not null)
        {
            // Matched by source key but the edit moved it to a season another review of the show holds.
            var holder = await reviews.FindIdByShowSeasonAsync(connection, transaction, show.Id, review.Season, cancellationToken);
            if (holder is { } other && other != existing.Review.Id)
            {
                return new ImportResult(ImportStatus.Rejected, document.DisplayName,
                    Error: $"{show.Title} Season {review.Season} already has another review (id {other}); expected one review per show and season");
            }
        }

        var summary = summariser.Summarise(review.Body, review.ShowTitle);
        var write = new ReviewWrite(
            show.Id, review.Season, Review.TitleOf(show.Title, review.Season, review.Headline), review.Headline, review.Verdict?.Value, review.Verdict?.Scale, summary, review.Body,
            sourceUrl?.ToString(), review.Author, review.Published is { } p ? DbTime.Format(p) : null,
            sourceKey, hash, DbTime.Format(now));

        long id;
        if (existing is null)
        {
            id = await reviews.InsertAsync(connection, transaction, write, cancellationToken);
        }
        else
        {
            id = existing.Review.Id;
            await reviews.UpdateAsync(connection, transaction, id, write, cancellationToken);
        }

        await reviews.ReplaceEpisodesAsync(connection, transaction, id, review.Episodes, cancellationToken);

        var saved = new SavedReview(
            id, show.Id, show.Slug, show.Title, review.Season,
            Created: existing is null,
            VerdictChanged: existing is null || existing.Review.Verdict != review.Verdict,
            EpisodeScoresChanged: existing is null || !SameScores(existing.Review.Episodes, review.Episodes),
            document.Announce, document.Origin, review, summary, sourceUrl);
        foreach (var participant in _participants)
        {
            await participant.OnSavedAsync(connection, transaction, saved, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (showCreated)
        {
            titleIndex.Invalidate();
        }

        // This process's next answer shows what it just wrote, without waiting for PostgreSQL's
        // notification to come back (SQLite's check sees it anyway).
        versions.DropShow(show.Id);
        if (existing is not null && existing.Review.Show.Id != show.Id)
        {
            versions.DropShow(existing.Review.Show.Id);
        }

        // Drawn once per version, here and not when someone asks; after the commit, so it cannot cost the review.
        await charts.AfterStoredAsync(id, hash, review.Episodes, cancellationToken);
        foreach (var after in _afterStored)
        {
            await after.AfterStoredAsync(id, cancellationToken);
        }

        var status = existing is null ? ImportStatus.Created : ImportStatus.Updated;
        logger.LogInformation("{Status} review {ReviewId} of {ShowSlug} season {Season} from {Document}",
            status, id, show.Slug, review.Season, Shown(document));
        return new ImportResult(status, document.DisplayName, id, show.Slug);
    }

    /// <summary>
    /// The show this source's review is stored under, when the title differs from it only by zero-width
    /// spaces an earlier build read as spaces: the same file imported again is the same review of the
    /// same show, and nothing a reader can see has changed. It is asked before the title is looked up,
    /// so the title as read today does not become a second show, even when another source has since
    /// stored it as one. Null when the title is the show's by today's key, or another show's.
    /// </summary>
    private async Task<ShowRecord?> SourceShowAsync(
        DbConnection connection, DbTransaction transaction, string sourceKey, string title, CancellationToken cancellationToken)
    {
        if (!title.Contains('\u200B', StringComparison.Ordinal)
            || await shows.FindBySourceAsync(connection, transaction, sourceKey, cancellationToken) is not { } stored)
        {
            return null;
        }

        var storedKey = ShowTitleKey.From(stored.Title);
        return storedKey != ShowTitleKey.From(title) && storedKey == ShowTitleKey.FromEarlierReading(title) ? stored : null;
    }

    /// <summary>A document's name as logs show it: a file name or a feed item's title is anyone's to choose (<see cref="RefusalText"/>).</summary>
    private static string Shown(ReviewDocument document) => RefusalText.Visible(document.DisplayName);

    internal static string ParseFailure(Exception exception) =>
        $"the text could not be read as a review ({exception.Message}); nothing was written";

    private static bool SameScores(IReadOnlyList<EpisodeEntry> before, IReadOnlyList<EpisodeEntry> after) =>
        before.Count == after.Count && before.OrderBy(e => e.Number).Zip(after.OrderBy(e => e.Number))
            .All(pair => pair.First.Number == pair.Second.Number && pair.First.Score == pair.Second.Score);

    // The text plus the URL the source gave: the same file imported twice hashes the same. Bump
    // the version when parsing or summarising changes, so re-importing refreshes stored reviews.
    // 2: since 1 the parsers read invisible format characters as no space, read every line's structure
    // without them and leave them off the edges of a title, headline or episode title, take "Season1",
    // and a review's title is built from its stored show's title; a review stored under 1 kept what was
    // read then, its file imported again changing nothing. Raising it is safe: an unchanged source read
    // again is an update in place (the same review, show and slug), which queues no announcement and
    // edits a posted one only when its verdict or scores now read differently (AnnouncementOutboxTests'
    // Reimport_...); a source today's rules refuse is reported and its stored review kept. It reaches
    // what is imported again (the import command, a file dropped in the inbox again) and a feed's items
    // on the feed's next poll, since the hash a feed remembers each item by names it too
    // (FeedItemConverter) and a feed's validators are sent only under the reading they were kept
    // under (FeedState.ReadAs), so a feed that has not changed is read in full once more.
    // 3: a verdict written "8 out of 10", set apart as a Markdown heading or quote, opening a line with
    // words after it, or alone under a "## Verdict" heading is read (or refused) instead of being left in
    // the text; an episode's "3 out of 5" is its score; a paragraph opening "Episode 3 is ..." is text,
    // not an entry. A review stored under 2 without the verdict its file gives, or with an episode its
    // guide does not have, is read right when its file is imported again.
    internal const string HashVersion = "3";

    private static string Hash(string text, Uri? sourceUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HashVersion + "\n" + text + "\n" + sourceUrl)));
}
