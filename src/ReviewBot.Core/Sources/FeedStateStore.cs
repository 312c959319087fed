using System.Globalization;
using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Feed and feed-item state (migration 0003). A connection per call from the storage layer's factory,
/// so feeds get the same WAL, busy timeout and foreign keys as the importer writing beside them.
/// </summary>
public sealed class FeedStateStore(ReviewDatabase connections)
{
    public async Task<FeedState> GetAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FeedStateRow>(
            """
            SELECT url AS Url, etag AS ETag, last_modified AS LastModified, last_attempt_utc AS LastAttemptUtc,
                   last_success_utc AS LastSuccessUtc, consecutive_failures AS ConsecutiveFailures,
                   last_error AS LastError, next_poll_utc AS NextPollUtc, first_poll_done AS FirstPollDone
            FROM feed_state WHERE url = @url
            """,
            new { url, cancellationToken });
        return row?.ToState() ?? FeedState.New(url);
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO feed_state (url, etag, last_modified, last_attempt_utc, last_success_utc,
                                    consecutive_failures, last_error, next_poll_utc, first_poll_done)
            VALUES (@Url, @ETag, @LastModified, @LastAttemptUtc, @LastSuccessUtc,
                    @ConsecutiveFailures, @LastError, @NextPollUtc, @FirstPollDone)
            ON CONFLICT (url) DO UPDATE SET
                etag = excluded.etag, last_modified = excluded.last_modified,
                last_attempt_utc = excluded.last_attempt_utc, last_success_utc = excluded.last_success_utc,
                consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
                next_poll_utc = excluded.next_poll_utc, first_poll_done = excluded.first_poll_done
            """,
            new
            {
                state.Url,
                state.ETag,
                state.LastModified,
                LastAttemptUtc = Format(state.LastAttemptUtc),
                LastSuccessUtc = Format(state.LastSuccessUtc),
                state.ConsecutiveFailures,
                state.LastError,
                NextPollUtc = Format(state.NextPollUtc),
                FirstPollDone = state.FirstPollDone ? 1 : 0,
                cancellationToken,
            });
    }

    /// <summary>All remembered items of one feed, by item key: one query per poll instead of one per item.</summary>
    public async Task<IReadOnlyDictionary<string, FeedItemRecord>> GetItemsAsync(string feedUrl, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeedItemRow>(
            """
            SELECT feed_url AS FeedUrl, item_key AS ItemKey, content_hash AS ContentHash, outcome AS Outcome,
                   review_id AS ReviewId, reason AS Reason, first_seen_utc AS FirstSeenUtc
            FROM feed_item WHERE feed_url = @feedUrl
            """,
            new { feedUrl, cancellationToken });
        return rows.Select(r => r.ToRecord()).ToDictionary(r => r.ItemKey, StringComparer.Ordinal);
    }

    /// <summary>Records an item's outcome; first_seen_utc is kept from the first time the item was seen.</summary>
    public async Task SaveItemAsync(FeedItemRecord item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO feed_state (url) VALUES (@FeedUrl) ON CONFLICT (url) DO NOTHING;
            INSERT INTO feed_item (feed_url, item_key, content_hash, outcome, review_id, reason, first_seen_utc, updated_utc)
            VALUES (@FeedUrl, @ItemKey, @ContentHash, @Outcome, @ReviewId, @Reason, @FirstSeenUtc, @Now)
            ON CONFLICT (feed_url, item_key) DO UPDATE SET
                content_hash = excluded.content_hash, outcome = excluded.outcome,
                review_id = excluded.review_id, reason = excluded.reason, updated_utc = excluded.updated_utc
            """,
            new
            {
                item.FeedUrl,
                item.ItemKey,
                item.ContentHash,
                Outcome = OutcomeText(item.Outcome),
                item.ReviewId,
                item.Reason,
                FirstSeenUtc = Format(item.FirstSeenUtc),
                Now = Format(now),
                cancellationToken,
            });
    }

    private static string OutcomeText(FeedItemOutcome outcome) => outcome switch
    {
        FeedItemOutcome.Imported => "imported",
        FeedItemOutcome.NotAReview => "not_a_review",
        _ => "rejected",
    };

    private static string? Format(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal sealed record FeedStateRow(
        string Url, string? ETag, string? LastModified, string? LastAttemptUtc, string? LastSuccessUtc,
        long ConsecutiveFailures, string? LastError, string? NextPollUtc, long FirstPollDone)
    {
        public FeedState ToState() => new(
            Url, ETag, LastModified, Parse(LastAttemptUtc), Parse(LastSuccessUtc), (int)ConsecutiveFailures,
            LastError, Parse(NextPollUtc), FirstPollDone != 0);
    }

    internal sealed record FeedItemRow(
        string FeedUrl, string ItemKey, string ContentHash, string Outcome, long? ReviewId, string? Reason, string FirstSeenUtc)
    {
        public FeedItemRecord ToRecord() => new(
            FeedUrl, ItemKey, ContentHash,
            Outcome switch { "imported" => FeedItemOutcome.Imported, "not_a_review" => FeedItemOutcome.NotAReview, _ => FeedItemOutcome.Rejected },
            ReviewId, Reason, Parse(FirstSeenUtc)!.Value);
    }
}
