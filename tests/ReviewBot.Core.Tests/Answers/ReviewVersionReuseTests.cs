using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Storage;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Answers;

/// <summary>
/// A version read before is answered from memory, with no database read, until a change to what it
/// names is committed by anyone: another connection, a raw SQL statement, a rating.
/// </summary>
public abstract class ReviewVersionReuseTests
{
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Lookup_AskedBefore_NoDatabaseRead()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await using var watching = await StartWatchingAsync(db);
        using var reads = Reads(db);
        var query = db.Get<ReviewQuery>();

        var first = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);
        var again = await query.LookupAsync(new ReviewRequest("frieren", null, "c2"), CancellationToken.None);
        var episode = await db.Get<EpisodeQuery>().LookupAsync(new EpisodeRequest(2, "frieren", null, "c3"), CancellationToken.None);

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Version, episode.Version);
        Assert.Equal((1, 2), Count(reads));
    }

    [Fact]
    public async Task Lookup_AfterARawUpdateByAnotherConnection_ReadsTheNewVersionAndTheAnswerShowsTheEdit()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await using var watching = await StartWatchingAsync(db);
        var query = db.Get<ReviewQuery>();
        var before = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        await ExecuteOnOwnConnectionAsync(db, "UPDATE reviews SET headline = 'Edited by hand', content_hash = 'edited', updated_at = '2026-02-01T00:00:00.0000000+00:00'");
        await WaitUntilDroppedAsync(db, before);
        var lookup = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        Assert.Equal("edited", lookup.Version!.ContentHash);
        var answer = Assert.IsType<ReviewAnswer.Found>(await query.AnswerAsync(lookup, CancellationToken.None)).Review;
        Assert.Equal("Edited by hand", answer.Headline);
        Assert.True(lookup.Version.Matches(answer));
    }

    [Fact]
    public async Task Lookup_AfterARating_TheNewCommunityScore()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await using var watching = await StartWatchingAsync(db);
        var query = db.Get<ReviewQuery>();
        var before = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;
        _ = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        await ExecuteOnOwnConnectionAsync(db, $"INSERT INTO community_ratings (review_id, user_id, rating, rated_at) VALUES ({before.ReviewId}, 42, 9, 'now')");
        await WaitUntilDroppedAsync(db, before);
        var lookup = await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        Assert.Equal((1L, 9L), (lookup.Version!.Ratings, lookup.Version.RatingSum));
        var answer = Assert.IsType<ReviewAnswer.Found>(await query.AnswerAsync(lookup, CancellationToken.None)).Review;
        Assert.Equal(9.0, answer.Community!.Average);
    }

    [Fact]
    public async Task Lookup_AfterANewSeason_TheLatestIsTheNewSeason()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren-1.txt");
        await using var watching = await StartWatchingAsync(db);
        var query = db.Get<ReviewQuery>();
        var before = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        // Through the importer of another database service set: another process's writer, as far as this one can tell.
        await using (var other = await TestDatabase.OpenSameAsync(db))
        {
            await other.ImportAsync(AnswerTestData.Review("Frieren", 2, 4), "frieren-2.txt");
        }

        await WaitUntilDroppedAsync(db, before);
        var latest = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        Assert.NotEqual(before.ReviewId, latest.ReviewId);
    }

    [Fact]
    public async Task Lookup_ACommitThatTouchesNoReview_KeepsTheVersions()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await using var watching = await StartWatchingAsync(db);
        using var reads = Reads(db);
        var query = db.Get<ReviewQuery>();
        await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        // What the bot commits most: the channels' show context.
        await ExecuteOnOwnConnectionAsync(db, "INSERT INTO channel_context (channel_key, show_id, updated_at) VALUES ('elsewhere', (SELECT MIN(id) FROM shows), 'now')");
        await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        Assert.Equal((1, 1), Count(reads));
    }

    [Fact]
    public async Task Lookup_NothingKept_OnceTheWatchHasVouched_ReadsWithoutAskingIt()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await db.ImportAsync(AnswerTestData.Review("Dandadan", 1, 3), "dandadan.txt");
        await using var watching = await StartWatchingAsync(db);
        var watch = new CountingWatch(db.Get<IReviewChangeWatch>());
        var versions = new ReviewVersions(watch, db.Get<ReviewVersionCache>(), db.Get<ReviewVersionReader>(), db.Get<CoreMetrics>());
        var resolver = db.Get<ReviewBot.Core.ShowSearch.ShowResolver>();
        var frieren = (await resolver.ResolveAsync("frieren", CancellationToken.None)).Show!.Id;
        var dandadan = (await resolver.ResolveAsync("dandadan", CancellationToken.None)).Show!.Id;

        var first = await versions.LookupAsync(frieren, null, CancellationToken.None);
        Assert.Equal(1, watch.Calls); // nothing to compare a change with yet: asked
        var other = await versions.LookupAsync(dandadan, null, CancellationToken.None);
        Assert.Equal(1, watch.Calls); // nothing kept for it: read without asking
        var kept = await versions.LookupAsync(frieren, null, CancellationToken.None);

        Assert.Equal(2, watch.Calls); // a kept version is used only once the watch vouched for it
        Assert.Equal(first.Version, kept.Version);
        Assert.Null(kept.Preloaded);
        Assert.NotNull(other.Version);
    }

    private sealed class CountingWatch(IReviewChangeWatch inner) : IReviewChangeWatch
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return inner.CatchUpAsync(cancellationToken);
        }

        public Task WatchAsync(CancellationToken cancellationToken) => inner.WatchAsync(cancellationToken);
    }

    internal static async Task<IAsyncDisposable> StartWatchingAsync(TestDatabase db)
    {
        var watching = new Watching(db.Get<IReviewChangeWatch>());
        if (db.Provider == StorageProvider.PostgreSql)
        {
            var listener = db.Get<PostgreSqlReviewChangeWatch>();
            await Eventually.WaitUntilAsync(() => listener.IsListening, Guard, () => "the listener never listened", () => watching.Task.IsCompleted);
        }

        return watching;
    }

    /// <summary>Runs a watch in the background; disposing stops it.</summary>
    internal static IAsyncDisposable Watch(IReviewChangeWatch watch) => new Watching(watch);

    internal static Task<long> TerminateListenerAsync(TestDatabase db) =>
        db.ScalarAsync(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '" + PostgreSqlReviewChangeWatch.ApplicationName + "'");

    /// <summary>Runs a listener made by the test until it listens; disposing stops it.</summary>
    internal static async Task<IAsyncDisposable> StartWatchingAsync(PostgreSqlReviewChangeWatch listener)
    {
        var watching = new Watching(listener);
        await Eventually.WaitUntilAsync(() => listener.IsListening, Guard, () => "the listener never listened", () => watching.Task.IsCompleted);
        return watching;
    }

    /// <summary>Asks until the answer is there: PostgreSQL tells the listener after the commit.</summary>
    internal static async Task<T> WaitForAsync<T>(Func<Task<T?>> ask)
        where T : class
    {
        T? found = null;
        await Eventually.WaitUntilAsync(async () => (found = await ask()) is not null, Guard, () => "never seen");
        return found!;
    }

    internal static MetricCollector<long> Reads(TestDatabase db) =>
        new(db.Get<System.Diagnostics.Metrics.IMeterFactory>(), CoreMetrics.MeterName, CoreMetrics.VersionReadsInstrument);

    /// <summary>(reads from the database, reads from memory).</summary>
    internal static (int Database, int Memory) Count(MetricCollector<long> reads)
    {
        var all = reads.GetMeasurementSnapshot();
        var memory = all.Count(m => (string?)m.Tags["from"] == "memory");
        return (all.Count - memory, memory);
    }

    internal static async Task ExecuteOnOwnConnectionAsync(TestDatabase db, string sql)
    {
        await using DbConnection connection = db.Provider == StorageProvider.Sqlite
            ? new SqliteConnection(db.ConnectionString)
            : new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// PostgreSQL tells the listener after the commit, so the test waits for the news to arrive; SQLite
    /// finds out inside the next lookup, so there is nothing to wait for.
    /// </summary>
    /// <summary>
    /// Until a change by another connection shows: on SQLite once the last look at the file no longer
    /// vouches (the next lookup looks again), on PostgreSQL once the listener was told.
    /// </summary>
    internal static Task WaitUntilDroppedAsync(TestDatabase db, ReviewVersion version)
    {
        if (db.Provider == StorageProvider.Sqlite)
        {
            db.Time.Advance(SqliteReviewChangeWatch.LookedAtFor);
            return Task.CompletedTask;
        }

        return Eventually.WaitUntilAsync(() => !db.Get<ReviewVersionCache>().TryGet(ShowIdOf(db, version), null, out _), Guard, () => "the change was never told");
    }

    private static long ShowIdOf(TestDatabase db, ReviewVersion version) =>
        db.ScalarAsync($"SELECT show_id FROM reviews WHERE id = {version.ReviewId}").GetAwaiter().GetResult();

    private sealed class Watching : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public Watching(IReviewChangeWatch watch) => Task = Task.Run(() => watch.WatchAsync(_stop.Token));

        public Task Task { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task;
            _stop.Dispose();
        }
    }
}

public sealed class ReviewVersionReuseTestsOnSqlite : ReviewVersionReuseTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewVersionReuseTestsOnPostgreSql : ReviewVersionReuseTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    [Fact]
    public async Task Lookup_NotListening_ReadsEveryTime()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        using var reads = Reads(db);
        var query = db.Get<ReviewQuery>();

        await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);
        await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None);

        Assert.Equal((2, 0), Count(reads));
    }

    [Fact]
    public async Task Resolve_WhileListening_NoIndexCheckUntilTheShowsChange()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        await using var watching = await StartWatchingAsync(db);
        var index = db.Get<ReviewBot.Core.ShowSearch.ShowTitleIndex>();
        var resolver = db.Get<ReviewBot.Core.ShowSearch.ShowResolver>();
        await resolver.ResolveAsync("frieren", CancellationToken.None);
        var checks = index.Checks;

        await resolver.ResolveAsync("frieren", CancellationToken.None);
        await resolver.ResolveAsync("Frieren", CancellationToken.None);
        Assert.Equal(checks, index.Checks);

        await ExecuteOnOwnConnectionAsync(db, "INSERT INTO shows (title, slug, created_at, updated_at) VALUES ('Dandadan', 'dandadan', 'now', 'now')");
        var found = await WaitForAsync(async () => (await resolver.ResolveAsync("dandadan", CancellationToken.None)).Show);

        Assert.Equal("Dandadan", found.Title);
    }

    [Fact]
    public async Task Listener_ConnectionStringNamesTheApplication_KeepsTheOperatorsNameAndAddsItsOwn()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var named = new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = "reviewbot-eu-1" }.ConnectionString;
        await using var database = new ReviewDatabase(
            Options.Create(new StorageOptions { ConnectionString = named }), new SqliteConnectionFactory(Options.Create(new StorageOptions())));
        var listener = new PostgreSqlReviewChangeWatch(
            database, db.Get<ReviewVersionCache>(), db.Get<ReviewBot.Core.ShowSearch.ShowTitleIndex>(), TimeProvider.System, NullLogger<PostgreSqlReviewChangeWatch>.Instance);
        await using var watching = await StartWatchingAsync(listener);

        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> ''",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        // The operator's name first (what they look for), the listener's after it.
        Assert.Equal(["reviewbot-eu-1 (" + PostgreSqlReviewChangeWatch.ApplicationName + ")"], names);
    }

    [Fact]
    public async Task Listener_ServerDropsEachConnectionAtOnce_BacksOffOnItsClockInsteadOfRedialling()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        // The server ends every session of this connection string once it has been idle for 300 ms:
        // it accepts the listener, which listens, and drops it as soon as it starts waiting.
        var dropping = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Options = "-c idle_session_timeout=300" }.ConnectionString;
        await using var database = new ReviewDatabase(
            Options.Create(new StorageOptions { ConnectionString = dropping }), new SqliteConnectionFactory(Options.Create(new StorageOptions())));
        var listener = new PostgreSqlReviewChangeWatch(
            database, db.Get<ReviewVersionCache>(), db.Get<ReviewBot.Core.ShowSearch.ShowTitleIndex>(), db.Time, NullLogger<PostgreSqlReviewChangeWatch>.Instance);
        await using var watching = Watch(listener);

        // The first connection, and the one attempt made at once after it failed. On a busy machine the
        // server may drop a connection before it listens (that is backed off too): the clock is moved
        // on whenever the count stands still.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var still = System.Diagnostics.Stopwatch.StartNew();
        for (var seen = listener.Listens; listener.Listens < 2; await Task.Delay(50))
        {
            Assert.True(waited.Elapsed < Guard, "the listener did not listen twice");
            if (listener.Listens != seen)
            {
                seen = listener.Listens;
                still.Restart();
            }
            else if (still.Elapsed > TimeSpan.FromSeconds(1))
            {
                db.Time.Advance(TimeSpan.FromSeconds(30));
                still.Restart();
            }
        }

        var listens = listener.Listens;
        // Real time for several more rounds of connect, listen and drop; the listener's clock stands still.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(listens, listener.Listens);

        db.Time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(() => listener.Listens > listens, Guard, () => "the listener did not try again after its backoff");
    }

    [Fact]
    public async Task Listener_ConnectionThatStayedUpDrops_ListensAgainAtOnce_ButNotAgainAtOnceWhenThatDropsToo()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var listener = db.Get<PostgreSqlReviewChangeWatch>();
        await using var watching = await StartWatchingAsync(db);

        db.Time.Advance(PostgreSqlReviewChangeWatch.StableAfter);
        Assert.Equal(1, await TerminateListenerAsync(db));
        await Eventually.WaitUntilAsync(() => listener.Listens >= 2 && listener.IsListening, Guard, () => "the listener did not listen again at once");

        Assert.Equal(1, await TerminateListenerAsync(db));
        await Eventually.WaitUntilAsync(() => !listener.IsListening || listener.Listens >= 3, Guard, () => "the listener did not notice");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, listener.Listens);

        db.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => listener.Listens >= 3 && listener.IsListening, Guard, () => "the listener did not listen again after its backoff");
    }

    [Fact]
    public async Task Lookup_ListenerTerminated_DropsEverythingReadsAgainAndReusesOnceListeningAgain()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "frieren.txt");
        var listener = db.Get<PostgreSqlReviewChangeWatch>();
        var stopped = 0;
        listener.ListeningChanged += listening => Interlocked.Add(ref stopped, listening ? 0 : 1);
        await using var watching = await StartWatchingAsync(db);
        var query = db.Get<ReviewQuery>();
        var before = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;
        Assert.Equal(1, db.Get<ReviewVersionCache>().Count);

        var terminated = await db.ScalarAsync(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '" + PostgreSqlReviewChangeWatch.ApplicationName + "'");
        // Committed while the listener may be gone: its notification may be lost, so only dropping
        // everything on the way back keeps the answer right.
        await ExecuteOnOwnConnectionAsync(db, "UPDATE reviews SET content_hash = 'edited while deaf'");
        await Eventually.WaitUntilAsync(() => listener.Listens >= 2 && listener.IsListening, Guard, () => "the listener did not listen again");
        using var reads = Reads(db);
        var after = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;
        var again = (await query.LookupAsync(new ReviewRequest("frieren", null, "c1"), CancellationToken.None)).Version!;

        Assert.Equal(1, terminated);
        Assert.Equal(1, Volatile.Read(ref stopped));
        Assert.Equal("edited while deaf", after.ContentHash);
        Assert.Equal(after, again);
        Assert.NotEqual(before, after);
        Assert.Equal((1, 1), Count(reads));
    }
}
