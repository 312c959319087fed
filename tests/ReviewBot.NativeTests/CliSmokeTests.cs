using Microsoft.Data.Sqlite;
using Npgsql;
using ReviewBot.Core.Tests.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.NativeTests;

/// <summary>The CLI verbs of the native executable: ask (with a chart), import, migrate (also into PostgreSQL), feeds check.</summary>
[Collection(NativeCollection.Name)]
public sealed class CliSmokeTests(NativeExecutable bot)
{
    [Fact]
    public async Task Ask_Review_SeedsTheSamplesAndPrintsTheReview()
    {
        using var folder = new WorkFolder();

        var result = await bot.RunAsync(folder.Path, folder.Settings(), "ask", "/review metallic-rouge");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Metallic Rouge — Season 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict: 6/10", result.Out, StringComparison.Ordinal);
        Assert.Contains("Episode guide (average 3.0/5)", result.Out, StringComparison.Ordinal);
        Assert.Contains("3. Marginal City — 3.5/5", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.DatabasePath));
    }

    [Fact]
    public async Task Ask_ReviewWithChart_WritesA1000By440Png()
    {
        using var folder = new WorkFolder();
        var chart = Path.Combine(folder.Path, "out.png");

        var result = await bot.RunAsync(folder.Path, folder.Settings(), "ask", "/review metallic-rouge", "--chart", chart);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Chart written to", result.Out, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(chart);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: width and height, big-endian, right after the chunk's length and type.
        Assert.Equal(1000, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(440, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public async Task Ask_UnknownCommand_ExitCode2WithWhatToType()
    {
        using var folder = new WorkFolder();

        var result = await bot.RunAsync(folder.Path, folder.Settings(), "ask", "/nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("ask \"/review metallic-rouge\"", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ABadAndAGoodFile_StoresTheGoodOneAndNamesTheBadOne()
    {
        using var folder = new WorkFolder();
        var empty = folder.Write("empty.md", "");
        var notAReview = folder.Write("notes.txt", "Just some notes.\nNothing here is a review.\n");
        var good = folder.Write("frieren.md", FrierenReview);
        var settings = folder.Settings();
        settings["Reviews__ImportSamplesWhenEmpty"] = "false";

        var bad = await bot.RunAsync(folder.Path, settings, "import", empty, notAReview);
        var fine = await bot.RunAsync(folder.Path, settings, "import", good);

        Assert.True(bad.ExitCode == 1, bad.ToString());
        Assert.Contains("empty.md: the file is empty", bad.Error, StringComparison.Ordinal);
        Assert.Contains("notes.txt:", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Error, StringComparison.Ordinal);
        Assert.True(fine.ExitCode == 0, fine.ToString());
        Assert.Contains("created (frieren)", fine.Out, StringComparison.Ordinal);
        Assert.Equal(1L, await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM reviews"));
        // Its answers rendered and stored as the import stores them: the /review with its chart, and each episode's.
        Assert.Equal(1L, await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM review_answers WHERE episode = 0 AND with_chart = 1"));
        Assert.Equal(
            await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM episodes"),
            await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM review_answers WHERE episode > 0"));
    }

    [Fact]
    public async Task Migrate_FreshSqliteFile_AppliesEveryMigration_ThenFindsNothingToDo()
    {
        using var folder = new WorkFolder();

        var first = await bot.RunAsync(folder.Path, folder.Settings(), "migrate");
        var second = await bot.RunAsync(folder.Path, folder.Settings(), "migrate");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('shows', 'reviews', 'episodes', 'subscriptions', 'announcements')") == 5);
        Assert.Equal(0L, await SqliteScalarAsync(folder, "SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task MigrateTo_PostgreSql_CopiesTheReviews_ThenAskAnswersFromPostgreSql()
    {
        using var folder = new WorkFolder();
        var cluster = await PostgresCluster.GetAsync();
        var target = await cluster.CreateDatabaseAsync();
        try
        {
            var seeded = await bot.RunAsync(folder.Path, folder.Settings(), "ask", "/latest");
            Assert.True(seeded.ExitCode == 0, seeded.ToString());

            var moved = await bot.RunAsync(folder.Path, folder.Settings(), "migrate", "--to", target);
            var asked = await bot.RunAsync(folder.Path, folder.Settings(target), "ask", "/review metallic-rouge");

            Assert.True(moved.ExitCode == 0, moved.ToString());
            Assert.Contains("Copied into PostgreSQL database", moved.Out, StringComparison.Ordinal);
            await using (var pg = new NpgsqlConnection(target))
            {
                await pg.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM reviews", pg);
                Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
            }

            Assert.True(asked.ExitCode == 0, asked.ToString());
            Assert.Contains("Metallic Rouge — Season 1", asked.Out, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task FeedsCheck_LoopbackFeed_PrintsWhatWouldBeImported()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()), () => "\"v1\"");
        using var folder = new WorkFolder();

        var result = await bot.RunAsync(
            folder.Path, folder.Settings(), "feeds", "check", server.Url("/feed/").ToString(), "--Feeds:AllowedPrivateAddresses:0=127.0.0.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 items, 1 would be imported (nothing was stored)", result.Out, StringComparison.Ordinal);
        Assert.Contains("would import as Metallic Rouge season 1, verdict 6/10, 13 episodes", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSetting_ExitCode2NamingTheSetting()
    {
        using var folder = new WorkFolder();

        var result = await bot.RunAsync(folder.Path, folder.Settings(), "feeds", "check", "https://reviews.example/feed/", "--Feeds:RequestTimeout=00:30:00");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Feeds:RequestTimeout must be between 00:00:01 and 00:10:00 (was 00:30:00).", result.Error, StringComparison.Ordinal);
    }

    internal const string FrierenReview = """
        ---
        show: Frieren
        season: 2
        headline: "Quiet, patient, wonderful"
        verdict: 9/10
        ---
        ## Episode Guide
        - Episode 1: The Journey Resumes – 4.5/5
        - Episode 2: A Small Village – 4/5
        ## Review
        The second season keeps its calm. Every episode takes its time, and the time is well spent.
        """;

    private static async Task<long> SqliteScalarAsync(WorkFolder folder, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={folder.DatabasePath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
