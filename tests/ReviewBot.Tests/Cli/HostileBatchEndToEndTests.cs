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

    /// <summary>
    /// A review saved as UTF-16 (Notepad's "Unicode", PowerShell's default redirection) is said to be
    /// UTF-16: without a byte-order mark its ASCII text is valid UTF-8 with a NUL after every letter and
    /// was refused as "not a review"; with one, "not valid UTF-8 (bad byte at offset 0)" did not say why.
    /// </summary>
    [Fact]
    public async Task Import_AReviewSavedAsUtf16_IsRefusedSayingItLooksLikeUtf16()
    {
        using var run = new ProgramRun();
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));
        var folder = Directory.CreateDirectory(Path.Combine(run.Folder, "in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "bom-le.txt"), [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "bom-be.txt"), [.. System.Text.Encoding.BigEndianUnicode.GetPreamble(), .. System.Text.Encoding.BigEndianUnicode.GetBytes(text)]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "plain-le.txt"), System.Text.Encoding.Unicode.GetBytes("Frieren Season 1 Review - Ends well\nEpisode Guide\n"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "plain-be.txt"), System.Text.Encoding.BigEndianUnicode.GetBytes("Frieren Season 1 Review - Ends well\nEpisode Guide\n"));

        var (exitCode, output, error) = await run.RunAsync("import", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("0 imported or unchanged, 4 failed", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"{Path.Combine(folder, "bom-be.txt")}: the file looks like UTF-16 (big-endian, with a byte-order mark), not UTF-8; expected UTF-8 text, save it as UTF-8",
                $"{Path.Combine(folder, "bom-le.txt")}: the file looks like UTF-16 (little-endian, with a byte-order mark), not UTF-8; expected UTF-8 text, save it as UTF-8",
                $"{Path.Combine(folder, "plain-be.txt")}: the file looks like UTF-16 (big-endian: every other byte is 0), not UTF-8; expected UTF-8 text, save it as UTF-8",
                $"{Path.Combine(folder, "plain-le.txt")}: the file looks like UTF-16 (little-endian: every other byte is 0), not UTF-8; expected UTF-8 text, save it as UTF-8",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
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
