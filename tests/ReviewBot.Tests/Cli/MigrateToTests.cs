using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using ReviewBot.Core.Subscriptions;
using ReviewBot.TestSupport;
using ReviewBot.Tests.Announcements;

namespace ReviewBot.Tests.Cli;

/// <summary><c>migrate --to</c> through the real program: a SQLite database with every kind of row, moved into PostgreSQL.</summary>
public sealed class MigrateToTests
{
    private static readonly string[] Tables = ["shows", "reviews", "episodes", "channel_context", "subscriptions", "announcements", "feed_state", "feed_item", "review_answers", "community_ratings"];

    [Fact]
    public async Task MigrateTo_EmptyTarget_CopiesEveryTable_ThenTheBotAnswersAndImportsOnPostgreSql()
    {
        using var run = new ProgramRun();
        await SeedAsync(run);
        var cluster = await PostgresCluster.GetAsync();
        var target = await cluster.CreateDatabaseAsync();
        try
        {
            var (exitCode, output, error) = await run.RunAsync("migrate", "--to", target);

            Assert.True(exitCode == 0, error);
            Assert.Contains("Copied into PostgreSQL database", output, StringComparison.Ordinal);
            foreach (var table in Tables)
            {
                Assert.True(await CountAsync(target, table) > 0, table + " is empty in the target");
                Assert.Equal(await SqliteCountAsync(run, table), await CountAsync(target, table));
            }

            await using (var pg = new NpgsqlConnection(target))
            {
                await pg.OpenAsync();
                Assert.Equal(AnnouncementStatus.Pending, (await AnnouncementRows.ReadAsync(pg)).First(r => r.MessageId is null).Status);
                Assert.Equal("\"etag-1\"", await pg.ExecuteScalarAsync<string>("SELECT etag FROM feed_state"));

                // Not copied: the target's triggers totalled the ratings as they arrived.
                Assert.Equal("2:11", await pg.ExecuteScalarAsync<string>("SELECT ratings || ':' || rating_sum FROM review_rating_totals"));
            }

            // The program on the moved database: search (rebuilt by the target's triggers), the
            // channel context, and a new review taking the next id.
            run.ConnectionString = target;
            var search = await run.RunAsync("ask", "/search sci-fi");
            Assert.Contains("Metallic Rouge", search.Out, StringComparison.Ordinal);
            var import = await run.RunAsync("import", Path.Combine(AppContext.BaseDirectory, "samples"), WriteSecondReview(run));
            Assert.True(import.ExitCode == 0, import.Error + import.Out);
            Assert.Equal(2, await CountAsync(target, "reviews"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task MigrateTo_SecondRun_FindsTheCopy_AndWritesNothing()
    {
        using var run = new ProgramRun();
        await SeedAsync(run);
        var cluster = await PostgresCluster.GetAsync();
        var target = await cluster.CreateDatabaseAsync();
        try
        {
            Assert.Equal(0, (await run.RunAsync("migrate", "--to", target)).ExitCode);
            var sentAt = await MaxUpdatedAtAsync(target);

            var (exitCode, output, _) = await run.RunAsync("migrate", "--to", target);

            Assert.Equal(0, exitCode);
            Assert.Contains("already holds this database", output, StringComparison.Ordinal);
            Assert.Equal(1, await CountAsync(target, "reviews"));
            Assert.Equal(sentAt, await MaxUpdatedAtAsync(target));
        }
        finally
        {
            await cluster.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task MigrateTo_TargetWithOtherData_RefusedUntouched_ForceReplacesIt()
    {
        using var run = new ProgramRun();
        await SeedAsync(run);
        var cluster = await PostgresCluster.GetAsync();
        var target = await cluster.CreateDatabaseAsync();
        try
        {
            var other = new ProgramRun { ConnectionString = target };
            using (other)
            {
                Assert.Equal(0, (await other.RunAsync("import", WriteSecondReview(other))).ExitCode);
            }

            var (exitCode, _, error) = await run.RunAsync("migrate", "--to", target);

            Assert.Equal(2, exitCode);
            Assert.Contains("--force", error, StringComparison.Ordinal);
            await using (var pg = new NpgsqlConnection(target))
            {
                Assert.Equal("frieren", await pg.ExecuteScalarAsync<string>("SELECT slug FROM shows"));
            }

            var forced = await run.RunAsync("migrate", "--to", target, "--force");

            Assert.True(forced.ExitCode == 0, forced.Error);
            await using (var pg = new NpgsqlConnection(target))
            {
                Assert.Equal(["metallic-rouge"], await pg.QueryAsync<string>("SELECT slug FROM shows"));
            }

            Assert.Contains("already holds this database", (await run.RunAsync("migrate", "--to", target)).Out, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DropDatabaseAsync(target);
        }
    }

    /// <summary>
    /// A target a newer build migrated is refused like any such database, and the line says which of
    /// the two databases it is: naming the source file would send the operator to restore the wrong one.
    /// </summary>
    [Fact]
    public async Task MigrateTo_TargetMigratedByANewerBuild_RefusedNamingTheTarget_SourceUntouched()
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/latest")).ExitCode);
        var cluster = await PostgresCluster.GetAsync();
        var target = await cluster.CreateDatabaseAsync();
        try
        {
            var newer = new ProgramRun { ConnectionString = target };
            using (newer)
            {
                Assert.Equal(0, (await newer.RunAsync("migrate")).ExitCode);
            }

            await using (var pg = new NpgsqlConnection(target))
            {
                await pg.ExecuteAsync("INSERT INTO schemaversions (scriptname, applied) VALUES ('ReviewBot.PostgreSqlMigrations.9999_from_a_newer_build.sql', now())");
            }

            var (exitCode, output, error) = await run.RunAsync("migrate", "--to", target);

            Assert.Equal(2, exitCode);
            Assert.Equal("", output);
            var line = Assert.Single(error.Trim().Split('\n'));
            var database = new NpgsqlConnectionStringBuilder(target).Database;
            Assert.StartsWith(
                $"migrate: The target, PostgreSQL database \"{database}\" on 127.0.0.1, was migrated by a newer ReviewBot (9999_from_a_newer_build.sql, which this build does not have).",
                line,
                StringComparison.Ordinal);
            Assert.DoesNotContain(run.DatabasePath, line, StringComparison.Ordinal);
            Assert.Equal(1, await SqliteCountAsync(run, "reviews"));
        }
        finally
        {
            await cluster.DropDatabaseAsync(target);
        }
    }

    [Theory]
    [InlineData("Data Source=other.db", "must be a PostgreSQL connection string")]
    [InlineData("not a connection string", "--to is not a connection string")]
    [InlineData("Host=127.0.0.1;Colour=blue", "does not accept")]
    public async Task MigrateTo_BadTarget_ExitsTwoWithTheReason(string to, string expected)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("migrate", "--to", to);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Colour=blue", "names neither a PostgreSQL Host nor a SQLite Data Source")]
    [InlineData("Host=127.0.0.1;Data Source=x.db", "names both")]
    [InlineData("Host=127.0.0.1;Colour=blue;Password=hunter2", "does not accept")]
    public async Task AnyVerb_ConnectionStringOfNoKnownProvider_IsAConfigurationError(string connectionString, string expected)
    {
        using var run = new ProgramRun { ConnectionString = connectionString };

        var (exitCode, _, error) = await run.RunAsync("ask", "/latest");

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: ConnectionStrings:Reviews", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    /// <summary>The sample review plus one row of every other table, written as the bot would have.</summary>
    private static async Task SeedAsync(ProgramRun run)
    {
        Assert.Equal(0, (await run.RunAsync("ask", "/review metallic-rouge")).ExitCode); // migrates, imports samples, sets the CLI's context
        await using var db = new SqliteConnection($"Data Source={run.DatabasePath};Pooling=False");
        await db.ExecuteAsync(
            """
            INSERT INTO subscriptions (guild_id, channel_id, channel_kind, created_at) VALUES (1001, 2001, 'text', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO subscriptions (guild_id, channel_id, channel_kind, role_id, created_at, paused_at, pause_reason)
                VALUES (1001, 2002, 'forum', 3001, '2026-01-01T00:00:00.0000000Z', '2026-01-02T00:00:00.0000000Z', 'Missing Access');
            INSERT INTO announcements (subscription_id, review_id, guild_id, channel_id, channel_kind, order_key, status, next_attempt_at, created_at, updated_at)
                SELECT 1, id, 1001, 2001, 'text', '2026-01-03T00:00:00.0000000Z', 'pending', '2026-01-03T00:00:00.0000000Z', '2026-01-03T00:00:00.0000000Z', '2026-01-03T00:00:00.0000000Z' FROM reviews;
            INSERT INTO announcements (subscription_id, review_id, guild_id, channel_id, channel_kind, role_id, order_key, status, attempts, next_attempt_at,
                                       message_channel_id, message_id, sent_at, created_at, updated_at)
                SELECT 2, id, 1001, 2002, 'forum', 3001, '2026-01-03T00:00:00.0000000Z', 'sent', 1, '2026-01-03T00:00:00.0000000Z',
                       4001, 4001, '2026-01-03T00:00:01.0000000Z', '2026-01-03T00:00:00.0000000Z', '2026-01-03T00:00:01.0000000Z' FROM reviews;
            INSERT INTO community_ratings (review_id, user_id, rating, rated_at)
                SELECT id, 5001, 7, '2026-01-03T00:00:00.0000000Z' FROM reviews UNION ALL SELECT id, 5002, 4, '2026-01-03T00:00:00.0000000Z' FROM reviews;
            INSERT INTO feed_state (url, etag, consecutive_failures, first_poll_done) VALUES ('https://example.com/feed/', '"etag-1"', 2, 1);
            INSERT INTO feed_item (feed_url, item_key, content_hash, outcome, reason, first_seen_utc, updated_utc)
                VALUES ('https://example.com/feed/', 'guid-1', 'abc', 'not_a_review', 'no episode guide', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            """);
    }

    private static string WriteSecondReview(ProgramRun run)
    {
        var path = Path.Combine(run.Folder, "frieren.md");
        File.WriteAllText(path, "---\nshow: Frieren\nseason: 2\nverdict: 9/10\n---\n## Episode Guide\n- Episode 1: The Journey Resumes – 4.5/5\n## Review\nQuiet, patient, wonderful.\n");
        return path;
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static async Task<long> SqliteCountAsync(ProgramRun run, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={run.DatabasePath};Pooling=False");
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    private static async Task<string?> MaxUpdatedAtAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<string?>("SELECT MAX(updated_at) FROM announcements");
    }
}
