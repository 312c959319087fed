using ReviewBot.Core.Tests.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Cli;

/// <summary>import and feeds check through the program: bad entries are one line each, the rest goes on.</summary>
public sealed class HostileBatchEndToEndTests
{
    // A guard against a hung run, not a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Import_FolderWithFifoDanglingLinkAndLoop_ImportsTheRest_ExitCode1()
    {
        using var run = new ProgramRun();
        var folder = Directory.CreateDirectory(Path.Combine(run.Folder, "in")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"), Path.Combine(folder, "a.txt"));
        var fifo = Path.Combine(folder, "b.txt");
        SpecialFiles.MakeFifo(fifo);
        File.CreateSymbolicLink(Path.Combine(folder, "c.md"), Path.Combine(folder, "gone.md"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "self"), ".");

        (int ExitCode, string Out, string Error) result;
        try
        {
            // Off the test's thread, so the guard can end a run blocked in open(2).
            result = await Task.Run(() => run.RunAsync("import", folder)).WaitAsync(Guard);
        }
        catch (TimeoutException)
        {
            SpecialFiles.ReleaseBlockedReader(fifo);
            throw;
        }

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Path.Combine(folder, "a.txt")}: created (metallic-rouge)", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 imported or unchanged, 3 failed", result.Out, StringComparison.Ordinal);
        Assert.Contains($"{fifo}: a FIFO (named pipe), not a regular file; only regular files are read", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "c.md")}: a symbolic link whose target does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(folder, "self")}: a symbolic link to a folder; linked folders are not followed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A path that is empty, or blank at an edge (a shell variable that was not set, a stray quote), is
    /// quoted in its line: printed as it is, it was a line starting with ": " or with spaces nobody sees.
    /// </summary>
    [Theory]
    [InlineData("", "\"\": the path is empty; expected a review file (.txt or .md) or a folder of them")]
    [InlineData(" ", "\" \": no such file or folder; expected a review file (.txt or .md) or a folder of them")]
    [InlineData("gone.txt ", "\"gone.txt \": no such file or folder; expected a review file (.txt or .md) or a folder of them")]
    public async Task Import_AnEmptyOrBlankEdgedPath_IsQuotedInItsLine(string path, string expected)
    {
        using var run = new ProgramRun();
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt");

        var (exitCode, output, error) = await run.RunAsync("import", path, sample);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{sample}: created (metallic-rouge)", output, StringComparison.Ordinal);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task FeedsCheck_BrokenItemBetweenGoodOnes_ShowsEveryVerdict_ExitCode0()
    {
        await using var server = await FeedTestServer.StartAsync();
        var feed = FeedFixtures.Rss(FeedFixtures.NewsItem(), FeedFixtures.SampleItem())
            .Replace("<title>Metallic Rouge Season 2 announced</title>", "<title>Metallic Rouge Season 2 announced</title><source url=\"http://[bad\">x</source>", StringComparison.Ordinal);
        server.MapFeed("/feed/", () => feed, () => "\"1\"");
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("feeds", "check", server.Url("/feed/").ToString(), "--Feeds:AllowedPrivateAddresses:0=127.0.0.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("2 items, 1 would be imported", output, StringComparison.Ordinal);
        Assert.Contains("Metallic Rouge Season 2 announced: would be rejected: the item could not be read (", output, StringComparison.Ordinal);
        Assert.Contains(FeedFixtures.SampleTitle + ": would import as Metallic Rouge season 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsCheck_LoopbackFeedWithoutAnException_IsRefusedNamingTheAddress()
    {
        await using var server = await FeedTestServer.StartAsync();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"1\"");
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("feeds", "check", server.Url("/feed/").ToString());

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"Refused to fetch {server.Url("/feed/")}: 127.0.0.1 resolves to 127.0.0.1, a loopback address", error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
