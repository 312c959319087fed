using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Feed and feed-item state (migration 0003). A connection per call from the storage layer's factory,
/// so feeds get the same WAL, busy timeout and foreign keys as the importer writing beside them.
/// </summary>
public sealed class FeedStateStore(ReviewDatabase connections)
{
    // Item keys travel as one JSON array, read by json_each in SQLite and jsonb_array_elements_text in
    // PostgreSQL: Dapper expands a list parameter by reflection at run time, which Native AOT cannot do,
    // and each call keeps constant SQL, which Dapper.AOT needs to generate its code at build time.
    private const string SelectItems =
        """
        SELECT feed_url AS FeedUrl, item_key AS ItemKey, content_hash AS ContentHash, outcome AS Outcome,
               review_id AS ReviewId, reason AS Reason, first_seen_utc AS FirstSeenUtc
        FROM feed_item WHERE feed_url = @feedUrl
        """;

    private const string ForgetItems = "DELETE FROM feed_item WHERE feed_url = @feedUrl AND updated_utc < @before";

    public async Task<FeedState> GetAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FeedStateRow>(
            """
            SELECT url AS Url, etag AS ETag, last_modified AS LastModified, last_attempt_utc AS LastAttemptUtc,
                   last_success_utc AS LastSuccessUtc, consecutive_failures AS ConsecutiveFailures,
                   last_error AS LastError, next_poll_utc AS NextPollUtc, first_poll_done AS FirstPollDone,
                   read_as AS ReadAs
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
                                    consecutive_failures, last_error, next_poll_utc, first_poll_done, read_as)
            VALUES (@Url, @ETag, @LastModified, @LastAttemptUtc, @LastSuccessUtc,
                    @ConsecutiveFailures, @LastError, @NextPollUtc, @FirstPollDone, @ReadAs)
            ON CONFLICT (url) DO UPDATE SET
                etag = excluded.etag, last_modified = excluded.last_modified,
                last_attempt_utc = excluded.last_attempt_utc, last_success_utc = excluded.last_success_utc,
                consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
                next_poll_utc = excluded.next_poll_utc, first_poll_done = excluded.first_poll_done,
                read_as = excluded.read_as
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
                state.ReadAs,
                cancellationToken,
            });
    }

    /// <summary>
    /// The remembered items of one feed among <paramref name="keys"/> (the items a poll lists), by item
    /// key: one query per poll instead of one per item, and only the rows of what the feed lists now,
    /// however many it listed before.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FeedItemRecord>> GetItemsAsync(string feedUrl, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { feedUrl, keys = KeysJson(keys), cancellationToken };
        var rows = connections.Provider == StorageProvider.PostgreSql
            ? await connection.QueryAsync<FeedItemRow>(SelectItems + " AND item_key IN (SELECT jsonb_array_elements_text(CAST(@keys AS jsonb)))", args)
            : await connection.QueryAsync<FeedItemRow>(SelectItems + " AND item_key IN (SELECT value FROM json_each(@keys))", args);
        return rows.Select(r => r.ToRecord()).ToDictionary(r => r.ItemKey, StringComparer.Ordinal);
    }

    /// <summary>
    /// Forgets the items of a feed that it no longer lists (<paramref name="listed"/> being every key
    /// it lists now) and whose row has not changed since <paramref name="unchangedSince"/>; returns how
    /// many. Feeds move on and rarely list an old item again; one that does is read again, and its
    /// review, stored already, is neither duplicated nor announced again.
    /// </summary>
    public async Task<int> ForgetItemsAsync(string feedUrl, IReadOnlyCollection<string> listed, DateTimeOffset unchangedSince, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { feedUrl, keys = KeysJson(listed), before = Format(unchangedSince), cancellationToken };
        return connections.Provider == StorageProvider.PostgreSql
            ? await connection.ExecuteAsync(ForgetItems + " AND item_key NOT IN (SELECT jsonb_array_elements_text(CAST(@keys AS jsonb)))", args)
            : await connection.ExecuteAsync(ForgetItems + " AND item_key NOT IN (SELECT value FROM json_each(@keys))", args);
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

    private static string KeysJson(IReadOnlyCollection<string> keys)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var key in keys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Format(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal sealed record FeedStateRow(
        string Url, string? ETag, string? LastModified, string? LastAttemptUtc, string? LastSuccessUtc,
        long ConsecutiveFailures, string? LastError, string? NextPollUtc, long FirstPollDone, string? ReadAs)
    {
        public FeedState ToState() => new(
            Url, ETag, LastModified, Parse(LastAttemptUtc), Parse(LastSuccessUtc), (int)ConsecutiveFailures,
            LastError, Parse(NextPollUtc), FirstPollDone != 0, ReadAs);
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
