using System.Globalization;
using Dapper;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// The outbox's reading half: what the delivery worker claims and how it records each outcome.
/// One bot process delivers, so "claiming" is reading the due rows; a row only leaves
/// <c>pending</c> once Discord's answer is recorded, so a crash at any point leaves it to resend
/// (with the same nonce, which Discord dedupes).
/// </summary>
public sealed class AnnouncementStore(ReviewDatabase connections, TimeProvider time, CoreMetrics metrics)
{
    /// <summary>No content hash is empty: a post recorded as rendered from this is always edited after.</summary>
    private const string RenderedFromUnknown = "";

    private const string SelectContent =
        """
        SELECT r.id AS ReviewId, s.title AS ShowTitle, s.slug AS ShowSlug, r.season AS Season, r.headline AS Headline,
               r.verdict_score AS VerdictScore, r.verdict_scale AS VerdictScale, r.summary AS Summary, r.source_url AS SourceUrl,
               r.author AS Author, r.published_at AS PublishedAt,
               (SELECT COUNT(*) FROM episodes e WHERE e.review_id = r.id) AS EpisodeCount,
               CAST(COALESCE(CAST(t.rating_sum AS DOUBLE PRECISION) / t.ratings, 0) AS DOUBLE PRECISION) AS CommunityAverage,
               COALESCE(t.ratings, 0) AS CommunityCount,
               r.updated_at AS UpdatedAt, r.content_hash AS ContentHash
        FROM reviews r JOIN shows s ON s.id = r.show_id LEFT JOIN review_rating_totals t ON t.review_id = r.id
        """;

    private const string SelectEpisodes =
        "SELECT review_id AS ReviewId, number AS Number, title AS Title, score AS Score, scale AS Scale FROM episodes";

    /// <summary>
    /// Up to <paramref name="limit"/> rows of work for active subscriptions, grouped by channel and in
    /// delivery order within each (published time, then id). A row that waits for its retry is included,
    /// so the worker keeps the channel's order behind it; the rows queued after it are not: they could
    /// not be sent this pass anyway, and a long queue behind one waiting channel would otherwise fill
    /// every batch and hold back all the channels that sort after it until that retry.
    /// </summary>
    public async Task<IReadOnlyList<AnnouncementWork>> LoadWorkAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkRow>(
            """
            WITH held AS (
                SELECT h.channel_id, MIN(h.order_key) AS order_key
                FROM announcements h JOIN subscriptions hs ON hs.id = h.subscription_id
                WHERE h.status = 'pending' AND h.next_attempt_at > @now AND hs.paused_at IS NULL
                GROUP BY h.channel_id)
            SELECT a.id AS Id, a.subscription_id AS SubscriptionId, a.review_id AS ReviewId, a.guild_id AS GuildId,
                   a.channel_id AS ChannelId, a.channel_kind AS ChannelKind, a.role_id AS RoleId, a.attempts AS Attempts,
                   a.first_attempt_at AS FirstAttemptAt, a.next_attempt_at AS NextAttemptAt, a.needs_edit AS NeedsEdit,
                   a.message_channel_id AS MessageChannelId, a.message_id AS MessageId, a.send_started_at AS SendStartedAt,
                   a.send_started_name AS SendStartedName, a.send_started_hash AS SendStartedHash
            FROM announcements a JOIN subscriptions s ON s.id = a.subscription_id
                 LEFT JOIN held ON held.channel_id = a.channel_id
            WHERE (a.status = 'pending' OR a.needs_edit = 1) AND s.paused_at IS NULL
              AND (held.order_key IS NULL OR a.order_key <= held.order_key)
            ORDER BY a.channel_id, a.order_key, a.id
            LIMIT @limit
            """,
            new { limit, now = DbTime.Format(time.GetUtcNow()), cancellationToken });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyDictionary<long, AnnouncementContent>> LoadContentAsync(IReadOnlyCollection<long> reviewIds, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The one dialect difference of this store: the ids travel as one text value, a PostgreSQL array
        // literal cast to bigint[] there, a JSON array read by json_each in SQLite. Not as a .NET list:
        // Dapper expands a list parameter by reflection at run time (even from Dapper.AOT's generated
        // code), which Native AOT cannot do. One call per dialect, each with constant SQL, which
        // Dapper.AOT needs to generate the call's code at build time.
        var ids = string.Join(',', reviewIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        IEnumerable<ContentRow> rows;
        IEnumerable<EpisodeRow> episodeRows;
        if (connections.Provider == StorageProvider.PostgreSql)
        {
            var args = new { reviewIds = "{" + ids + "}", cancellationToken };
            rows = await connection.QueryAsync<ContentRow>(SelectContent + " WHERE r.id = ANY(CAST(@reviewIds AS bigint[]))", args);
            episodeRows = await connection.QueryAsync<EpisodeRow>(
                SelectEpisodes + " WHERE review_id = ANY(CAST(@reviewIds AS bigint[])) ORDER BY review_id, number", args);
        }
        else
        {
            var args = new { reviewIds = "[" + ids + "]", cancellationToken };
            rows = await connection.QueryAsync<ContentRow>(SelectContent + " WHERE r.id IN (SELECT value FROM json_each(@reviewIds))", args);
            episodeRows = await connection.QueryAsync<EpisodeRow>(
                SelectEpisodes + " WHERE review_id IN (SELECT value FROM json_each(@reviewIds)) ORDER BY review_id, number", args);
        }

        var episodes = episodeRows.ToLookup(e => e.ReviewId);
        return rows.ToDictionary(r => r.ReviewId, r => r.ToRecord() with
        {
            Episodes = episodes[r.ReviewId].Select(e => new EpisodeEntry((int)e.Number, e.Title, e.Score is { } v && e.Scale is { } sc ? new Score(v, sc) : null)).ToList(),
        });
    }

    /// <summary>
    /// Recorded before a post that has no nonce (a forum post) is sent: if the outcome is never recorded,
    /// the next attempt knows to look for the post first, by the <paramref name="title"/> it is sent with
    /// (the review's title may be corrected before that next attempt), and what the post it finds shows:
    /// the review as of <paramref name="renderedFrom"/> (its content hash).
    /// </summary>
    public async Task MarkSendStartedAsync(AnnouncementWork work, string title, string? renderedFrom, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE announcements SET send_started_at = @now, send_started_name = @title, send_started_hash = @renderedFrom, updated_at = @now WHERE id = @id",
            new { id = work.Id, title, renderedFrom, now = DbTime.Format(time.GetUtcNow()), cancellationToken });
    }

    /// <summary>
    /// A post an earlier attempt created, found after its answer was lost: recorded as sent, and edited next
    /// when the review changed since that attempt read it (nobody asked for an edit while the row was
    /// pending), or when what it read is not known (an attempt started before that was kept).
    /// </summary>
    public Task MarkFoundAsync(AnnouncementWork work, ulong messageChannelId, ulong messageId, CancellationToken cancellationToken) =>
        MarkSentAsync([new SentAnnouncement(work, messageChannelId, messageId, work.SendStartedHash ?? RenderedFromUnknown)], cancellationToken);

    /// <summary>Discord confirmed the post: store where it is, so a later verdict change edits it.</summary>
    public Task MarkSentAsync(AnnouncementWork work, ulong messageChannelId, ulong messageId, string? renderedFrom, CancellationToken cancellationToken) =>
        MarkSentAsync([new SentAnnouncement(work, messageChannelId, messageId, renderedFrom)], cancellationToken);

    /// <summary>
    /// Confirmed posts recorded in one transaction (the single-post overload is a batch of one).
    /// A post rendered from a review that was stored again while it was on its way (a verdict change
    /// found the row still pending, so asked no edit) is marked for an edit, which shows the review as stored.
    /// Only posts Discord already answered may be passed: losing the batch (a crash before it commits)
    /// leaves them pending, and the resend carries the same nonce, which Discord dedupes.
    /// </summary>
    public async Task MarkSentAsync(IReadOnlyList<SentAnnouncement> sent, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return;
        }

        var now = DbTime.Format(time.GetUtcNow());
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One statement per post, as Dapper's list form ran it; a loop, because the list form takes no cancellation.
        foreach (var s in sent)
        {
            await connection.ExecuteAsync(
                """
                UPDATE announcements SET status = 'sent', reason = NULL, attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, @now),
                       message_channel_id = @messageChannel, message_id = @message, sent_at = @now, updated_at = @now,
                       needs_edit = CASE WHEN @rendered IS NULL OR @rendered = (SELECT r.content_hash FROM reviews r WHERE r.id = announcements.review_id)
                                         THEN 0 ELSE 1 END,
                       next_attempt_at = @now
                WHERE id = @id;
                UPDATE subscriptions SET last_post_at = @now WHERE id = @subscription;
                """,
                new
                {
                    id = s.Work.Id,
                    subscription = s.Work.SubscriptionId,
                    messageChannel = SnowflakeColumn.ToDb(s.MessageChannelId),
                    message = SnowflakeColumn.ToDb(s.MessageId),
                    rendered = s.RenderedFrom,
                    now,
                    cancellationToken,
                },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.AnnouncementsSent(sent.Count);
    }

    /// <summary>
    /// The posted message now shows the review as stored (or cannot be edited: <paramref name="reason"/> says why).
    /// Only while the row still asks for the edit that was read: a verdict change stored meanwhile asked again
    /// (a new <c>next_attempt_at</c>), and the message shows the review from before it, so that edit stays due.
    /// </summary>
    public async Task MarkEditedAsync(AnnouncementWork work, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE announcements SET needs_edit = 0, attempts = 0, first_attempt_at = NULL, reason = @reason, updated_at = @now
            WHERE id = @id AND next_attempt_at = @asked
            """,
            new { id = work.Id, reason, asked = DbTime.Format(work.NextAttemptAt), now = DbTime.Format(time.GetUtcNow()), cancellationToken });
    }

    /// <summary>A server error or timeout: try again at <paramref name="nextAttemptAt"/>; the channel's later announcements wait behind it.</summary>
    public async Task ScheduleRetryAsync(AnnouncementWork work, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE announcements SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, @now),
                   next_attempt_at = @next, reason = @reason, updated_at = @now
            WHERE id = @id
            """,
            new { id = work.Id, next = DbTime.Format(nextAttemptAt), reason, now = DbTime.Format(now), cancellationToken });
    }

    /// <summary>Gives up: a new announcement becomes failed; an edit leaves the message as posted. Either way with the reason.</summary>
    public async Task MarkFailedAsync(AnnouncementWork work, string reason, CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            var args = new { id = work.Id, reason = "failed: " + reason, now = DbTime.Format(time.GetUtcNow()), cancellationToken };
            if (work.IsEdit)
            {
                // As in MarkEditedAsync: a verdict change stored meanwhile keeps its own edit due.
                await connection.ExecuteAsync(
                    "UPDATE announcements SET needs_edit = 0, reason = @reason, updated_at = @now WHERE id = @id AND next_attempt_at = @asked",
                    new { id = work.Id, reason = "failed: " + reason, asked = DbTime.Format(work.NextAttemptAt), now = DbTime.Format(time.GetUtcNow()), cancellationToken });
            }
            else
            {
                await connection.ExecuteAsync(
                    "UPDATE announcements SET status = 'failed', attempts = attempts + 1, reason = @reason, updated_at = @now WHERE id = @id", args);
            }
        }

        if (!work.IsEdit)
        {
            metrics.AnnouncementFailed();
        }
    }

    /// <summary>Why a pending announcement waits (its channel was paused); it stays pending until resumed or removed.</summary>
    public async Task NoteWaitingAsync(AnnouncementWork work, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE announcements SET attempts = attempts + 1, reason = @reason, updated_at = @now WHERE id = @id",
            new { id = work.Id, reason = "waiting: " + reason, now = DbTime.Format(time.GetUtcNow()), cancellationToken });
    }

    /// <summary>Counts by status, for tests, benchmarks and operators.</summary>
    public async Task<IReadOnlyDictionary<AnnouncementStatus, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await ParameterlessQuery.ReadAsync(
            connection, "SELECT status, COUNT(*) FROM announcements GROUP BY status", r => (Status: r.GetString(0), Count: r.GetInt64(1)), cancellationToken);
        return rows.ToDictionary(r => Enum.Parse<AnnouncementStatus>(r.Status, ignoreCase: true), r => (int)r.Count);
    }

    internal sealed record WorkRow(
        long Id, long SubscriptionId, long ReviewId, long GuildId, long ChannelId, string ChannelKind, long? RoleId, long Attempts,
        string? FirstAttemptAt, string NextAttemptAt, long NeedsEdit, long? MessageChannelId, long? MessageId, string? SendStartedAt,
        string? SendStartedName, string? SendStartedHash)
    {
        public AnnouncementWork ToRecord() => new(
            Id, SubscriptionId, ReviewId, SnowflakeColumn.FromDb(GuildId), SnowflakeColumn.FromDb(ChannelId),
            SubscriptionStore.ParseKind(ChannelKind), SnowflakeColumn.FromDb(RoleId), (int)Attempts,
            DbTime.ParseOrNull(FirstAttemptAt), DbTime.Parse(NextAttemptAt), NeedsEdit != 0,
            SnowflakeColumn.FromDb(MessageChannelId), SnowflakeColumn.FromDb(MessageId))
        {
            SendStartedAt = DbTime.ParseOrNull(SendStartedAt),
            SendStartedName = SendStartedName,
            SendStartedHash = SendStartedHash,
        };
    }

    /// <summary>Settable properties: score and scale are NULL for an unscored episode, which a constructor match cannot type.</summary>
    internal sealed class EpisodeRow
    {
        public long ReviewId { get; set; }

        public long Number { get; set; }

        public string Title { get; set; } = "";

        public double? Score { get; set; }

        public double? Scale { get; set; }
    }

    internal sealed record ContentRow(
        long ReviewId, string ShowTitle, string ShowSlug, long Season, string Headline, double? VerdictScore, double? VerdictScale,
        string Summary, string? SourceUrl, string? Author, string? PublishedAt, long EpisodeCount,
        double CommunityAverage, long CommunityCount, string UpdatedAt, string ContentHash)
    {
        // Titled under the show's title as it is stored now, not the review's stored title: a review
        // stored before titles were built from the show kept its own file's spelling of the show.
        public AnnouncementContent ToRecord() => new(
            ReviewId, ShowTitle, ShowSlug, (int)Season, Review.TitleOf(ShowTitle, (int)Season, Headline), Headline, VerdictScore, VerdictScale, Summary, SourceUrl, Author,
            DbTime.ParseOrNull(PublishedAt), (int)EpisodeCount)
        {
            Community = CommunityScore.Of(CommunityAverage, CommunityCount),
            UpdatedAt = DbTime.Parse(UpdatedAt),
            ContentHash = ContentHash,
        };
    }
}
