using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Shared;

namespace ReviewBot.Core.Answers;

/// <summary>
/// PostgreSQL's side of <see cref="IReviewChangeWatch"/>: a connection of its own that LISTENs on the
/// channel the triggers of migrations/postgresql/0009_review_version_notifications.sql notify (the
/// show's id when one of its reviews or their ratings changed), and drops that show's kept versions as
/// each notification arrives, so answers asked before make no round trip at all. It tells the show
/// title index too (<see cref="ShowTitleIndex.ChangesAreTold"/>), whose check would be another.
/// </summary>
/// <remarks>
/// <para>
/// Kept versions are vouched for only while the listener is connected and listening. When the
/// connection fails (a restarted server, a terminated backend, the network) everything kept is
/// dropped at once and answers read their versions again until it listens again; then everything is
/// dropped once more, because notifications sent while nobody listened are lost. The first attempt
/// after a failure is immediate, later ones back off (on <see cref="TimeProvider"/>); a connection
/// counts as good again, resetting the backoff, only once it has listened for <see cref="StableAfter"/>.
/// Keepalives on the idle connection bring out a silently broken network within <see cref="KeepAliveSeconds"/>.
/// </para>
/// <para>
/// A notification arrives after its transaction committed, so for the moment in between an answer
/// may still be the one from before (on loopback well under a millisecond). A writer in this process
/// that answers from what it wrote (a rating's reply) reads its own result, not a kept version.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlReviewChangeWatch(
    ReviewDatabase database, ReviewVersionCache cache, ShowTitleIndex shows, TimeProvider time, ILogger<PostgreSqlReviewChangeWatch> logger) : IReviewChangeWatch
{
    /// <summary>The channel the triggers notify.</summary>
    public const string Channel = "review_versions";

    /// <summary>The payload that means "the set of shows changed".</summary>
    public const string ShowsPayload = "shows";

    /// <summary>The payload that means "anything may have changed" (a TRUNCATE).</summary>
    public const string EverythingPayload = "*";

    /// <summary>
    /// The listening connection's application_name, so an operator can find it in pg_stat_activity;
    /// added after the connection string's own Application Name when it has one (<see cref="ListenerApplicationName"/>).
    /// </summary>
    public const string ApplicationName = "ReviewBot review_versions listener";

    /// <summary>Seconds of silence on the listening connection before Npgsql checks it is still there.</summary>
    public const int KeepAliveSeconds = 10;

    /// <summary>
    /// How long a connection must have listened for its end to count as a first failure again (the
    /// next attempt at once); one that ends sooner counts on, so the backoff keeps growing.
    /// </summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private volatile bool _listening;
    private int _listens;

    /// <summary>Raised when the listener starts or stops listening (the argument says which).</summary>
    public event Action<bool>? ListeningChanged;

    /// <summary>True while connected and listening: kept versions are vouched for.</summary>
    public bool IsListening => _listening;

    /// <summary>How many times the listener has started listening (reconnects included).</summary>
    public int Listens => Volatile.Read(ref _listens);

    public ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_listening);

    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTimeOffset? listeningSince = null;
            try
            {
                await ListenAsync(() => listeningSince = time.GetUtcNow(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Listening is not enough to start counting afresh: a server (or a proxy, or a session
                // timeout) that accepts the connection and drops it at once would be redialled in a
                // tight loop. Only a connection that stayed up a while makes this the first failure.
                if (listeningSince is { } since && time.GetUtcNow() - since >= StableAfter)
                {
                    failures = 0;
                }

                failures++;
                LogListenFailed(exception.Message, failures);
                logger.LogDebug(exception, "Listening for review changes failed");
            }
            finally
            {
                StopVouching();
            }

            try
            {
                if (failures > 1)
                {
                    await Task.Delay(Backoff.Delay(failures - 1), time, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(Action listening, CancellationToken cancellationToken)
    {
        // Its own connection, never pooled: LISTEN belongs to the session, and a pool would reset it.
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, Multiplexing = false };
        settings.ApplicationName = ListenerApplicationName(settings.ApplicationName);
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = KeepAliveSeconds;
        }

        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Notification += OnNotification;
        await connection.OpenAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        // Listening is worth nothing without the triggers that notify (a database not migrated yet,
        // at start before this process's own migration has run): vouch for nothing until they are there.
        await using (var triggers = new NpgsqlCommand("SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'reviews_version_changed'", connection))
        {
            if (Convert.ToInt64(await triggers.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                throw new InvalidOperationException("the database has no review version triggers yet (migration postgresql/0009_review_version_notifications.sql)");
            }
        }

        // From here on every change is told; what changed before (while nobody listened) is not, so
        // nothing kept before counts.
        cache.Clear();
        shows.ChangesAreTold(true);
        _listening = true;
        Interlocked.Increment(ref _listens);
        ListeningChanged?.Invoke(true);
        listening();
        LogListening(Channel);
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The operator's Application Name kept first, the listener's added in parentheses (PostgreSQL
    /// keeps the first 63 bytes); the listener's alone when the connection string names none.
    /// </summary>
    internal static string ListenerApplicationName(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? ApplicationName : $"{configured} ({ApplicationName})";

    private void StopVouching()
    {
        var was = _listening;
        _listening = false;
        cache.Clear();
        shows.ChangesAreTold(false);
        if (was)
        {
            ListeningChanged?.Invoke(false);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        var payload = notification.Payload;
        if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var showId))
        {
            cache.DropShow(showId);
        }
        else if (payload == ShowsPayload)
        {
            shows.ShowsChanged();
        }
        else
        {
            // '*', or anything this version does not know: assume the worst.
            cache.Clear();
            shows.ShowsChanged();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listening on {Channel} for changes to reviews' versions")]
    private partial void LogListening(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for review changes failed ({Reason}); answers read versions from the database until it listens again (attempt {Failures})")]
    private partial void LogListenFailed(string reason, int failures);
}
