using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ReviewBot.Core.Storage;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Storage;

public sealed class PostgreSqlMigratorTests
{
    [Fact]
    public async Task MigrateAsync_EmptyDatabase_CreatesEveryTableAndJournalsEachScript()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, migrate: false);

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(PostgreSqlScripts(), applied);
        foreach (var table in new[] { "shows", "reviews", "episodes", "reviews_search", "channel_context", "subscriptions", "announcements", "feed_state", "feed_item", "schemaversions" })
        {
            Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"));
        }

        Assert.Empty(await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None));
    }

    /// <summary>A database a newer build migrated is refused by migrating and by the readiness look alike, and nothing is applied.</summary>
    [Fact]
    public async Task MigratedByANewerBuild_MigrateAndPending_RefuseIt_NamingTheScript()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await using (var connection = await db.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            // The second is no script of ours (another tool journalling in the same table): not a reason to refuse.
            command.CommandText =
                "INSERT INTO schemaversions (scriptname, applied) VALUES ('ReviewBot.PostgreSqlMigrations.9999_from_a_newer_build.sql', now()), ('OtherTool.0001_setup.sql', now())";
            await command.ExecuteNonQueryAsync();
        }

        var journalled = await db.ScalarAsync("SELECT COUNT(*) FROM schemaversions");
        var migrator = db.Get<DatabaseMigrator>();

        var migrating = await Assert.ThrowsAsync<NewerDatabaseException>(() => migrator.MigrateAsync(CancellationToken.None));
        var looking = await Assert.ThrowsAsync<NewerDatabaseException>(() => migrator.PendingAsync(CancellationToken.None));

        Assert.Equal(["9999_from_a_newer_build.sql"], migrating.UnknownScripts);
        Assert.Equal(["9999_from_a_newer_build.sql"], looking.UnknownScripts);
        Assert.Equal(journalled, await db.ScalarAsync("SELECT COUNT(*) FROM schemaversions"));
    }

    /// <summary>Several processes start at once against one server: one migrates, the others find nothing to do, none fails.</summary>
    [Fact]
    public async Task MigrateAsync_ManyAtOnce_EachScriptAppliedOnce()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, migrate: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None))));

        Assert.Equal(PostgreSqlScripts(), runs.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(PostgreSqlScripts().Count, await db.ScalarAsync("SELECT COUNT(*) FROM schemaversions"));
    }

    /// <summary>
    /// A process that starts while another migrates waits for it as long as the migration takes, not for
    /// the connection string's command timeout (30 s unless set; an operator who set it lower to fail
    /// fast would see every process but the first stop at start, saying only that a read timed out).
    /// </summary>
    [Fact]
    public async Task MigrateAsync_WhileAnotherMigratesLongerThanTheCommandTimeout_WaitsForIt()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, migrate: false);
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKeys.Application}, {AdvisoryLockKeys.Migrations})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var options = Options.Create(new StorageOptions { ConnectionString = db.ConnectionString + ";Command Timeout=1" });
        await using var database = new ReviewDatabase(options, new SqliteConnectionFactory(options));
        var migrating = Task.Run(() => new DatabaseMigrator(new SqliteConnectionFactory(options), database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));

        // Until the server says the waiting process has waited for the lock longer than its command timeout.
        await Eventually.WaitUntilAsync(
            async () => migrating.IsCompleted || await ScalarAsync(other, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND now() - query_start > interval '2 seconds'") > 0,
            TimeSpan.FromSeconds(30));
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKeys.Application}, {AdvisoryLockKeys.Migrations})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(PostgreSqlScripts(), await migrating);
    }

    /// <summary>
    /// A migration step runs as long as it takes, not for the connection string's command timeout: an
    /// upgrade that rewrites a large table (or waits for a lock another session holds) would otherwise
    /// fail at every start, and a service restarted on failure would never come up on the new build.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_StepLongerThanTheCommandTimeout_RunsToItsEnd()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        var last = PostgreSqlScripts()[^1];
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        await using (var forget = new NpgsqlCommand("DELETE FROM schemaversions WHERE scriptname = @name", other))
        {
            forget.Parameters.AddWithValue("name", PostgreSqlMigrator.ResourcePrefix + last);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        // The table the last script changes is held, so that script waits past the 1 s timeout.
        var holding = await other.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("LOCK TABLE review_charts IN ACCESS EXCLUSIVE MODE", other, holding))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var options = Options.Create(new StorageOptions { ConnectionString = db.ConnectionString + ";Command Timeout=1" });
        await using var database = new ReviewDatabase(options, new SqliteConnectionFactory(options));
        var migrating = Task.Run(() => new DatabaseMigrator(new SqliteConnectionFactory(options), database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));

        // Watched from a session of its own: inside the holding transaction, pg_stat_activity and now()
        // stay as they were when that transaction began.
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync();
        await Eventually.WaitUntilAsync(
            async () => migrating.IsCompleted || await ScalarAsync(watcher, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND now() - query_start > interval '2 seconds'") > 0,
            TimeSpan.FromSeconds(30));
        await holding.RollbackAsync();

        Assert.Equal([last], await migrating);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Existing SQLite databases journal their scripts as "NNNN_name.sql" under the SQLite prefix; the
    /// PostgreSQL scripts must never be picked up by the SQLite runner, and both dialects keep the same numbers.
    /// </summary>
    [Fact]
    public void EmbeddedScripts_SqliteNamesUnchanged_PostgreSqlUnderItsOwnPrefix_SameNumbers()
    {
        var names = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames();
        var sqlite = names.Where(n => n.StartsWith("ReviewBot.Migrations.", StringComparison.Ordinal)).Select(n => n["ReviewBot.Migrations.".Length..]).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["0001_initial.sql", "0002_subscriptions.sql", "0003_sources.sql", "0004_announcement_send_started.sql"],
            sqlite.Take(4));
        Assert.All(sqlite, n => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", n));
        Assert.Equal(sqlite.Take(4), PostgreSqlScripts().Take(4));
    }

    /// <summary>Full-text search takes the user's words as words: PostgreSQL's tsquery operators are searched for, never obeyed.</summary>
    [Theory]
    [InlineData("rouge | !metallic")]
    [InlineData("rouge & (")]
    [InlineData("rouge:* <-> ')")]
    [InlineData("\"rouge\" OR -metallic")]
    public async Task Search_QuerySyntaxInUserText_IsPlainWords(string text)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await db.ImportAsync(TestDatabase.SampleText);

        var hits = await db.Get<ReviewBot.Core.Answers.SearchQuery>().SearchAsync(text, 5, CancellationToken.None);

        // "metallic" is in the review, so a NOT would have excluded it; a syntax error would have thrown.
        Assert.Equal("metallic-rouge", Assert.Single(hits).Show.Slug);
    }

    [Fact]
    public async Task Search_IgnoresAccents_AndMarksTheMatch()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        await db.ImportAsync(TestDatabase.SampleText);

        var hits = await db.Get<ReviewBot.Core.Answers.SearchQuery>().SearchAsync("Métallic", 5, CancellationToken.None);

        var hit = Assert.Single(hits);
        Assert.Contains(hit.SnippetParts(), p => p.IsMatch && p.Text.Equals("Metallic", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> PostgreSqlScripts() =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ReviewBot.PostgreSqlMigrations.", StringComparison.Ordinal))
            .Select(n => n["ReviewBot.PostgreSqlMigrations.".Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
