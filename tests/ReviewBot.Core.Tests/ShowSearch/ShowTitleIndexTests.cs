using ReviewBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Import;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Tests.Answers;

namespace ReviewBot.Core.Tests.ShowSearch;

/// <summary>The index follows the shows table: this process's imports at once, other processes' on the next call.</summary>
public abstract class ShowTitleIndexTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task GetAsync_ShowInsertedThroughAnotherConnection_SeenOnTheNextCall()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var index = db.Get<ShowTitleIndex>();
        Assert.Null((await index.GetAsync(CancellationToken.None)).FindBySlug("frieren"));

        await using (var other = await db.OpenAsync())
        {
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO shows (title, slug, created_at, updated_at) VALUES ('Frieren', 'frieren', '2026-01-01', '2026-01-01')";
            await insert.ExecuteNonQueryAsync();
        }

        var shows = await index.GetAsync(CancellationToken.None);
        Assert.Equal("Frieren", shows.FindBySlug("frieren")?.Title);
        Assert.Equal("Frieren", (await db.Get<ShowResolver>().ResolveAsync("Frieren", CancellationToken.None)).Show?.Title);
    }

    [Fact]
    public async Task GetAsync_ShowImportedByAnotherProcess_SeenByResolverAndSuggester()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var suggester = db.Get<ShowTitleSuggester>();
        Assert.Empty(await suggester.SuggestAsync("fri", 25, CancellationToken.None));

        // A second composition over the same file stands in for the import verb's process: its own
        // importer and index, so nothing in this process is told.
        await using (var importer = Compose(db.ConnectionString))
        {
            var result = await importer.GetRequiredService<IReviewImporter>().ImportAsync(
                new ReviewDocument("f.txt", "f.txt", AnswerTestData.Review("Frieren", 1, 2), ReviewOrigin.File, Announce: false), CancellationToken.None);
            Assert.Equal(ImportStatus.Created, result.Status);
        }

        Assert.Equal("Frieren", Assert.Single(await suggester.SuggestAsync("fri", 25, CancellationToken.None)).Title);
        Assert.Equal("frieren", (await db.Get<ShowResolver>().ResolveAsync("frieren", CancellationToken.None)).Show?.Slug);
    }

    [Fact]
    public async Task GetAsync_ShowImportedInThisProcess_SeenAtOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var resolver = db.Get<ShowResolver>();
        Assert.Null((await resolver.ResolveAsync("Frieren", CancellationToken.None)).Show);

        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");

        Assert.Equal("frieren", (await resolver.ResolveAsync("Frieren", CancellationToken.None)).Show?.Slug);
    }

    [Fact]
    public async Task GetAsync_NothingChanged_KeepsTheSameSnapshot()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var index = db.Get<ShowTitleIndex>();
        var first = await index.GetAsync(CancellationToken.None);

        // A write elsewhere that adds no show (a review update, a channel's context) moves
        // data_version but not the shows: no rebuild.
        await db.ImportAsync(TestDatabase.SampleText.Replace("Looney Tunes", "Merrie Melodies", StringComparison.Ordinal));

        Assert.Same(first, await index.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Resolve_ShowInTheSnapshotHeld_FoundWithoutCheckingTheDatabase()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");
        var index = db.Get<ShowTitleIndex>();
        var resolver = db.Get<ShowResolver>();
        await index.GetAsync(CancellationToken.None);
        var checks = index.Checks;

        Assert.Equal("frieren", (await resolver.ResolveAsync("Frieren", CancellationToken.None)).Show?.Slug);
        Assert.Equal("frieren", (await resolver.ResolveAsync("frieren", CancellationToken.None)).Show?.Slug);
        Assert.Equal(checks, index.Checks);

        // A name the snapshot does not have is checked for: another process may have added it since.
        await using (var other = await db.OpenAsync())
        {
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO shows (title, slug, created_at, updated_at) VALUES ('Dandadan', 'dandadan', '2026-01-01', '2026-01-01')";
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal("Dandadan", (await resolver.ResolveAsync("Dandadan", CancellationToken.None)).Show?.Title);
        Assert.True(index.Checks > checks);
    }

    private static ServiceProvider Compose(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Reviews"] = connectionString,
                ["Reviews:ImportSamplesWhenEmpty"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReviewBotCore(configuration);
        return services.BuildServiceProvider();
    }
}

public sealed class ShowTitleIndexTestsOnSqlite : ShowTitleIndexTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ShowTitleIndexTestsOnPostgreSql : ShowTitleIndexTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    /// <summary>
    /// The check's kept connection is the index's own, not the database: once the server ended its
    /// session (a restart, a terminated backend), the check opens another and answers, instead of failing
    /// every lookup on the dead one until the bot is restarted.
    /// </summary>
    [Fact]
    public async Task GetAsync_AfterTheServerEndedEverySession_ChecksOnANewConnection()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var index = db.Get<ShowTitleIndex>();
        Assert.NotNull((await index.GetAsync(CancellationToken.None)).FindBySlug("metallic-rouge"));

        await db.EndEverySessionAsync();

        Assert.NotNull((await index.GetAsync(CancellationToken.None)).FindBySlug("metallic-rouge"));
        Assert.NotNull((await index.GetAsync(CancellationToken.None)).FindBySlug("metallic-rouge"));
    }
}
