using System.Globalization;
using Dapper;
using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// The subscriptions aggregate. Removing a subscription cancels its pending announcements with a
/// reason in the same transaction, so nothing queued for it is dropped silently.
/// </summary>
public sealed class SubscriptionStore(ReviewDatabase connections, TimeProvider time, CoreMetrics metrics)
{
    /// <summary>Subscriptions per server; each costs requests on every new review, so a server cannot take a large share.</summary>
    public const int MaxPerGuild = 50;

    /// <summary>
    /// One constant filter for every kind of removal (Dapper.AOT generates code only for SQL it can
    /// read at build time), so a removal by server, by channel, or of one show's subscription in a
    /// channel is the same statement with other values.
    /// </summary>
    private const string RemovalWhere =
        "(@guild IS NULL OR guild_id = @guild) AND (@channel IS NULL OR channel_id = @channel) AND (@allShows OR COALESCE(show_id, 0) = COALESCE(@show, 0))";

    internal const string Select =
        """
        SELECT s.id AS Id, s.guild_id AS GuildId, s.channel_id AS ChannelId, s.channel_kind AS ChannelKind, s.show_id AS ShowId,
               sh.title AS ShowTitle, s.role_id AS RoleId, s.created_at AS CreatedAt, s.paused_at AS PausedAt,
               s.pause_reason AS PauseReason, s.last_post_at AS LastPostAt, s.min_verdict AS MinVerdict
        FROM subscriptions s LEFT JOIN shows sh ON sh.id = s.show_id
        """;

    /// <summary>
    /// How long a held place (<see cref="ReserveAsync"/>) counts. An interaction can be answered for 15
    /// minutes only, so a /subscribe still holding its place after that died on the way (a crash, a
    /// restart) and will neither complete nor release it.
    /// </summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Saves a subscription at once, after the same duplicate and limit checks as <see cref="ReserveAsync"/>.</summary>
    public async Task<SubscribeResult> AddAsync(NewSubscription request, CancellationToken cancellationToken)
    {
        CheckMinVerdict(request);
        await using var connection = await connections.OpenAsync(cancellationToken);
        // A write transaction (IMMEDIATE on SQLite, the writers' lock on PostgreSQL): the checks and the insert must see the same table.
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        if (await RefusalAsync(connection, transaction, request, cancellationToken) is { } refused)
        {
            return refused;
        }

        var created = await InsertAsync(connection, transaction, request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubscribeResult(SubscribeOutcome.Created, created);
    }

    /// <summary>
    /// Checks a new subscription (not a duplicate, nor another being set up for the same channel and
    /// show, within the server's limit) and holds its place, in one write transaction, before anything
    /// is posted: /subscribe posts a note in the channel first, and a note cannot be taken back when a
    /// check made after it refuses. Several /subscribe at once (in any process) each see the places the
    /// others hold. The place becomes the subscription with <see cref="CompleteAsync"/>, or is given
    /// back with <see cref="ReleaseAsync"/>.
    /// </summary>
    public async Task<ReserveResult> ReserveAsync(NewSubscription request, CancellationToken cancellationToken)
    {
        CheckMinVerdict(request);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        if (await RefusalAsync(connection, transaction, request, cancellationToken) is { } refused)
        {
            return new ReserveResult(refused.Outcome, null, refused.Subscription);
        }

        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO subscription_reservations (guild_id, channel_id, show_id, reserved_at)
            VALUES (@guild, @channel, @show, @now)
            RETURNING id
            """,
            new
            {
                guild = SnowflakeColumn.ToDb(request.GuildId),
                channel = SnowflakeColumn.ToDb(request.ChannelId),
                show = request.ShowId,
                now = DbTime.Format(time.GetUtcNow()),
                cancellationToken,
            }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ReserveResult(SubscribeOutcome.Reserved, new SubscriptionReservation(id, request), null);
    }

    /// <summary>
    /// Turns a held place into the subscription. A place that outlived <see cref="ReservationLifetime"/>
    /// and was taken away is checked again like a new subscription.
    /// </summary>
    public async Task<SubscribeResult> CompleteAsync(SubscriptionReservation reservation, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        var held = await connection.ExecuteAsync(
            "DELETE FROM subscription_reservations WHERE id = @id", new { id = reservation.Id, cancellationToken }, transaction);
        if (held == 0 && await RefusalAsync(connection, transaction, reservation.Request, cancellationToken) is { } refused)
        {
            return refused;
        }

        var created = await InsertAsync(connection, transaction, reservation.Request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SubscribeResult(SubscribeOutcome.Created, created);
    }

    /// <summary>Gives a held place back (Discord refused the note): the server's count is as before.</summary>
    public async Task ReleaseAsync(SubscriptionReservation reservation, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM subscription_reservations WHERE id = @id", new { id = reservation.Id, cancellationToken });
    }

    private static void CheckMinVerdict(NewSubscription request)
    {
        if (request.MinVerdict is < NewSubscription.LowestMinVerdict or > NewSubscription.HighestMinVerdict)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MinVerdict, "min_verdict must be 1 to 10");
        }
    }

    /// <summary>
    /// Why <paramref name="request"/> cannot be added now, or null: a duplicate, the same subscription
    /// being set up by another /subscribe, or the server's limit counting the places others hold.
    /// Holds older than <see cref="ReservationLifetime"/> are dropped first (<see cref="ExpiredHolds"/>).
    /// </summary>
    private async Task<SubscribeResult?> RefusalAsync(DbConnection connection, DbTransaction transaction, NewSubscription request, CancellationToken cancellationToken)
    {
        await ExpiredHolds.ReleaseAsync(connection, transaction, time.GetUtcNow(), cancellationToken);
        var target = new { channel = SnowflakeColumn.ToDb(request.ChannelId), show = request.ShowId, cancellationToken };
        var existing = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM subscriptions WHERE channel_id = @channel AND COALESCE(show_id, 0) = COALESCE(@show, 0)", target, transaction);
        if (existing is { } duplicate)
        {
            return new SubscribeResult(SubscribeOutcome.Duplicate, await GetAsync(connection, transaction, duplicate, cancellationToken));
        }

        var settingUp = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM subscription_reservations WHERE channel_id = @channel AND COALESCE(show_id, 0) = COALESCE(@show, 0)", target, transaction);
        if (settingUp > 0)
        {
            return new SubscribeResult(SubscribeOutcome.InProgress, null);
        }

        var count = await connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM subscriptions WHERE guild_id = @guild)
                 + (SELECT COUNT(*) FROM subscription_reservations WHERE guild_id = @guild)
            """,
            new { guild = SnowflakeColumn.ToDb(request.GuildId), cancellationToken }, transaction);
        return count >= MaxPerGuild ? new SubscribeResult(SubscribeOutcome.LimitReached, null) : null;
    }

    private async Task<Subscription?> InsertAsync(DbConnection connection, DbTransaction transaction, NewSubscription request, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO subscriptions (guild_id, channel_id, channel_kind, show_id, role_id, created_at, created_by, min_verdict)
            VALUES (@guild, @channel, @kind, @show, @role, @now, @by, @minVerdict)
            RETURNING id
            """,
            new
            {
                guild = SnowflakeColumn.ToDb(request.GuildId),
                channel = SnowflakeColumn.ToDb(request.ChannelId),
                kind = KindText(request.Kind),
                show = request.ShowId,
                role = SnowflakeColumn.ToDb(request.RoleId),
                now = DbTime.Format(time.GetUtcNow()),
                by = SnowflakeColumn.ToDb(request.CreatedBy),
                minVerdict = request.MinVerdict,
                cancellationToken,
            }, transaction);
        return await GetAsync(connection, transaction, id, cancellationToken);
    }

    /// <summary>
    /// Changes an existing subscription's minimum verdict (null: every review). It applies to reviews
    /// stored or edited from now on; announcements already queued or posted stay as they are.
    /// </summary>
    public async Task<Subscription?> SetMinVerdictAsync(long id, int? minVerdict, CancellationToken cancellationToken)
    {
        if (minVerdict is < NewSubscription.LowestMinVerdict or > NewSubscription.HighestMinVerdict)
        {
            throw new ArgumentOutOfRangeException(nameof(minVerdict), minVerdict, "min_verdict must be 1 to 10");
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE subscriptions SET min_verdict = @minVerdict WHERE id = @id", new { id, minVerdict, cancellationToken });
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>
    /// /subscribe again naming another role: the subscription mentions it from now on, and so do its
    /// announcements not posted yet, which carry the role they were queued with (as <see cref="ForgetRoleAsync"/>
    /// changes them too): an admin who changed the role means the next announcement as well.
    /// </summary>
    public async Task<Subscription?> SetRoleAsync(long id, ulong roleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        var args = new { id, role = SnowflakeColumn.ToDb(roleId), cancellationToken };
        await connection.ExecuteAsync(
            "UPDATE announcements SET role_id = @role WHERE subscription_id = @id AND status = 'pending'", args, transaction);
        await connection.ExecuteAsync("UPDATE subscriptions SET role_id = @role WHERE id = @id", args, transaction);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public async Task<IReadOnlyList<Subscription>> GetForChannelAsync(ulong channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(
            Select + " WHERE s.channel_id = @channel ORDER BY s.id", new { channel = SnowflakeColumn.ToDb(channelId), cancellationToken });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The server's subscriptions with their pending and failed announcement counts, oldest first.</summary>
    public async Task<IReadOnlyList<SubscriptionStatus>> ListAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SubscriptionRow>(
            Select + " WHERE s.guild_id = @guild ORDER BY s.id", new { guild = SnowflakeColumn.ToDb(guildId), cancellationToken })).ToList();
        var counts = (await connection.QueryAsync<StatusCountRow>(
            """
            SELECT a.subscription_id AS SubscriptionId, a.status AS Status, COUNT(*) AS Count FROM announcements a
            WHERE a.subscription_id IN (SELECT id FROM subscriptions WHERE guild_id = @guild) AND a.status IN ('pending', 'failed')
            GROUP BY a.subscription_id, a.status
            """,
            new { guild = SnowflakeColumn.ToDb(guildId), cancellationToken })).ToList();
        int Count(long id, string status) => (int)counts.Where(c => c.SubscriptionId == id && c.Status == status).Sum(c => c.Count);
        return rows.Select(r => new SubscriptionStatus(r.ToRecord(), Count(r.Id, "pending"), Count(r.Id, "failed"))).ToList();
    }

    /// <summary>
    /// Removes the channel's subscription for <paramref name="showId"/>, or all of the channel's when
    /// <paramref name="allShows"/> (/unsubscribe). Nothing is removed while a Resume of the channel is
    /// posting its note (<see cref="SubscriptionResumes"/>): the note would stand in a channel with no subscription.
    /// </summary>
    public async Task<UnsubscribeResult> RemoveAsync(ulong guildId, ulong channelId, long? showId, bool allShows, string reason, CancellationToken cancellationToken)
    {
        var removed = await RemoveWhereAsync(
            new RemovalFilter(SnowflakeColumn.ToDb(guildId), SnowflakeColumn.ToDb(channelId), showId, allShows), reason, unlessResuming: true, cancellationToken);
        return removed is { } count ? new UnsubscribeResult(count, ResumeInProgress: false) : new UnsubscribeResult(0, ResumeInProgress: true);
    }

    /// <summary>CHANNEL_DELETE: the channel is gone for good (a Resume under way then finds nothing to resume).</summary>
    public async Task<int> RemoveChannelAsync(ulong channelId, string reason, CancellationToken cancellationToken) =>
        await RemoveWhereAsync(new RemovalFilter(null, SnowflakeColumn.ToDb(channelId), null, AllShows: true), reason, unlessResuming: false, cancellationToken) ?? 0;

    /// <summary>GUILD_DELETE without "unavailable": the bot was removed from the server.</summary>
    public async Task<int> RemoveGuildAsync(ulong guildId, string reason, CancellationToken cancellationToken) =>
        await RemoveWhereAsync(new RemovalFilter(SnowflakeColumn.ToDb(guildId), null, null, AllShows: true), reason, unlessResuming: false, cancellationToken) ?? 0;

    /// <summary>
    /// A role deleted in Discord: the subscriptions that mentioned it go on without a mention, and so do
    /// their announcements not posted yet (each carries its role from when it was queued). Discord shows
    /// a mention of a deleted role as "@deleted-role", which would open every announcement. Returns how
    /// many subscriptions mentioned it.
    /// </summary>
    public async Task<int> ForgetRoleAsync(ulong guildId, ulong roleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        var args = new { guild = SnowflakeColumn.ToDb(guildId), role = SnowflakeColumn.ToDb(roleId), cancellationToken };
        await connection.ExecuteAsync(
            "UPDATE announcements SET role_id = NULL WHERE guild_id = @guild AND role_id = @role AND status = 'pending'", args, transaction);
        var changed = await connection.ExecuteAsync(
            "UPDATE subscriptions SET role_id = NULL WHERE guild_id = @guild AND role_id = @role", args, transaction);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Whether every one of <paramref name="ids"/> still exists and is not paused: a long delivery of a
    /// channel's queue asks again now and then, so an /unsubscribe (in any process) stops it there.
    /// </summary>
    public async Task<bool> AllActiveAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The ids as one text value, as AnnouncementStore.LoadContentAsync passes them (Native AOT: no list parameter).
        var list = string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var active = connections.Provider == StorageProvider.PostgreSql
            ? await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM subscriptions WHERE id = ANY(CAST(@ids AS bigint[])) AND paused_at IS NULL",
                new { ids = "{" + list + "}", cancellationToken })
            : await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM subscriptions WHERE id IN (SELECT value FROM json_each(@ids)) AND paused_at IS NULL",
                new { ids = "[" + list + "]", cancellationToken });
        return active == ids.Count;
    }

    /// <summary>
    /// Pauses every subscription of the channel (they share Discord's answer). Returns false when
    /// they were already paused, so the caller tells the server once.
    /// </summary>
    public async Task<bool> PauseChannelAsync(ulong channelId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET paused_at = @now, pause_reason = @reason, notice_sent_at = NULL, notice_claimed_at = NULL
            WHERE channel_id = @channel AND paused_at IS NULL
            """,
            new { channel = SnowflakeColumn.ToDb(channelId), reason, now = DbTime.Format(time.GetUtcNow()), cancellationToken });
        if (changed > 0)
        {
            metrics.ChannelPaused();
        }

        return changed > 0;
    }

    /// <summary>Resumes the channel's subscriptions; announcements queued meanwhile are then delivered in order.</summary>
    public async Task<int> ResumeChannelAsync(ulong channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE subscriptions SET paused_at = NULL, pause_reason = NULL, notice_sent_at = NULL, notice_claimed_at = NULL
            WHERE channel_id = @channel AND paused_at IS NOT NULL
            """,
            new { channel = SnowflakeColumn.ToDb(channelId), cancellationToken });
    }

    /// <summary>The removal, in one write transaction; null (nothing removed) when <paramref name="unlessResuming"/> and a Resume of the channel is held.</summary>
    private async Task<int?> RemoveWhereAsync(RemovalFilter filter, string reason, bool unlessResuming, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connections.BeginWriteAsync(connection, cancellationToken);
        if (unlessResuming && filter.Channel is { } channel)
        {
            await ExpiredHolds.ReleaseAsync(connection, transaction, time.GetUtcNow(), cancellationToken);
            var resuming = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM subscription_resumptions WHERE channel_id = @channel", new { channel, cancellationToken }, transaction);
            if (resuming > 0)
            {
                return null;
            }
        }

        var args = new
        {
            guild = filter.Guild, channel = filter.Channel, show = filter.Show, allShows = filter.AllShows,
            reason, now = DbTime.Format(time.GetUtcNow()), cancellationToken,
        };
        await connection.ExecuteAsync(
            $"""
            UPDATE announcements SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
                   reason = CASE WHEN status = 'pending' THEN @reason ELSE reason END,
                   needs_edit = 0, updated_at = @now
            WHERE subscription_id IN (SELECT id FROM subscriptions WHERE {RemovalWhere}) AND (status = 'pending' OR needs_edit = 1)
            """,
            args, transaction);
        var removed = await connection.ExecuteAsync($"DELETE FROM subscriptions WHERE {RemovalWhere}", args, transaction);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private static async Task<Subscription?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(
            Select + " WHERE s.id = @id", new { id, cancellationToken }, transaction);
        return row?.ToRecord();
    }

    internal static string KindText(ChannelKind kind) => kind == ChannelKind.Forum ? "forum" : "text";

    internal static ChannelKind ParseKind(string text) => text == "forum" ? ChannelKind.Forum : ChannelKind.Text;

    internal sealed record SubscriptionRow(
        long Id, long GuildId, long ChannelId, string ChannelKind, long? ShowId, string? ShowTitle, long? RoleId,
        string CreatedAt, string? PausedAt, string? PauseReason, string? LastPostAt, long? MinVerdict)
    {
        public Subscription ToRecord() => new(
            Id, SnowflakeColumn.FromDb(GuildId), SnowflakeColumn.FromDb(ChannelId), ParseKind(ChannelKind), ShowId, ShowTitle,
            SnowflakeColumn.FromDb(RoleId), DbTime.Parse(CreatedAt), DbTime.ParseOrNull(PausedAt), PauseReason, DbTime.ParseOrNull(LastPostAt),
            (int?)MinVerdict);
    }

    /// <summary>Settable properties: Dapper.AOT reads named row types, not tuples.</summary>
    internal sealed class StatusCountRow
    {
        public long SubscriptionId { get; set; }

        public string Status { get; set; } = "";

        public long Count { get; set; }
    }

    /// <summary>Which subscriptions a removal takes: a null server or channel matches any; the show only counts unless <see cref="AllShows"/>.</summary>
    private readonly record struct RemovalFilter(long? Guild, long? Channel, long? Show, bool AllShows);

}
