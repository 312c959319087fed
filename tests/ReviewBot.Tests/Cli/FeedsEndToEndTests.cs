using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using ReviewBot.Core.Tests.Sources;

namespace ReviewBot.Tests.Cli;

/// <summary><c>feeds check URL</c> through Program.RunAsync against a feed server on loopback.</summary>
public sealed class FeedsEndToEndTests : IAsyncLifetime
{
    // The feed server listens on loopback, which the fetcher refuses unless allowed.
    private const string AllowLoopback = "--Feeds:AllowedPrivateAddresses:0=127.0.0.1";

    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static async Task<long> CountAsync(ProgramRun run, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={run.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task FeedsCheck_FeedWithSampleAndNews_PrintsWhatWouldBeImportedAndStoresNothing()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()), () => "\"v1\"");
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("migrate")).ExitCode);

        var (exitCode, output, _) = await run.RunAsync("feeds", "check", server.Url("/feed/").ToString(), AllowLoopback);

        Assert.Equal(0, exitCode);
        Assert.Contains("2 items, 1 would be imported (nothing was stored)", output, StringComparison.Ordinal);
        Assert.Contains(FeedFixtures.SampleTitle + ": would import as Metallic Rouge season 1, verdict 6/10, 13 episodes", output, StringComparison.Ordinal);
        Assert.Contains("Metallic Rouge Season 2 announced: skipped, not a review", output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(run, "reviews"));
        Assert.Equal(0, await CountAsync(run, "feed_state"));
        Assert.Equal(0, await CountAsync(run, "feed_item"));
    }

    [Fact]
    public async Task FeedsCheck_HtmlPage_ExitCode1SayingWhy()
    {
        server.Map("/", context => context.Response.WriteAsync("<!DOCTYPE html><html><body>Home</body></html>"));
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("feeds", "check", server.Url("/").ToString(), AllowLoopback);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("could not be read: The URL returned an HTML page", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath)); // a check never opens the database
    }

    [Theory]
    [InlineData("feeds")]
    [InlineData("feeds", "check")]
    [InlineData("feeds", "check", "reviews.example/feed")]
    [InlineData("feeds", "check", "ftp://reviews.example/feed")]
    [InlineData("feeds", "list")]
    public async Task FeedsCheck_MissingOrInvalidUrl_ExitCode2WithWhatToType(params string[] args)
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("feeds check https://reviews.example/feed/", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsCheck_UrlWithAPassword_ExitCode2WithoutRepeatingIt()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("feeds", "check", "https://editor:hunter2@reviews.example/feed/");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("without its user name and password (https://reviews.example/feed/)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsCheck_RequestTimeoutOutOfRange_ExitCode2NamingTheSettingAndItsRange()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("feeds", "check", server.Url("/feed/").ToString(), AllowLoopback, "--Feeds:RequestTimeout=00:30:00");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Configuration error: ", error, StringComparison.Ordinal);
        Assert.Contains("Feeds:RequestTimeout must be between 00:00:01 and 00:10:00 (was 00:30:00).", error, StringComparison.Ordinal);
    }
}
