using ReviewBot.Core.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// The inbox with entries a careless or hostile user can drop there: the watcher never blocks,
/// never stops, never loses a file, and moves what can never be a review to failed/ with the reason.
/// </summary>
public sealed class InboxHostileEntryTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    // A guard against a hung run, not a timing assertion: every scan normally ends at once.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string inbox = Directory.CreateTempSubdirectory("reviewbot-inbox-").FullName;
    private readonly List<SourcesTestHost> hosts = [];

    private string Processed => Path.Combine(inbox, "processed");

    private string Failed => Path.Combine(inbox, "failed");

    private SourcesTestHost Host()
    {
        var host = new SourcesTestHost(new Dictionary<string, string?>
        {
            ["Reviews:InboxDirectory"] = inbox,
            ["Reviews:InboxSettleTime"] = "00:00:02",
        });
        hosts.Add(host);
        return host;
    }

    private async Task ScanTwiceAsync(SourcesTestHost host)
    {
        // Off the test's thread: an open(2) that blocks (a FIFO) blocks before any task is returned,
        // and the guard must still be able to end the test.
        var watcher = host.Get<InboxWatcher>();
        await Task.Run(() => watcher.ScanOnceAsync(CancellationToken.None)).WaitAsync(Guard);
        host.Time.Advance(Settle);
        await Task.Run(() => watcher.ScanOnceAsync(CancellationToken.None)).WaitAsync(Guard);
    }

    /// <summary>chown -h: .NET sets no owner, and only the link's own owner matters here, not its target's.</summary>
    private static async Task ChangeLinkOwnerAsync(string link, int uid)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-h", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), link])!;
        await chown.WaitForExitAsync();
        Assert.Equal(0, chown.ExitCode);
    }

    private static string ErrorText(string folder, string name) => File.ReadAllText(Path.Combine(folder, name + ".error.txt"));

    [Fact]
    public async Task Fifo_IsMovedToFailed_WithoutBlocking_AndTheGoodFileIsImported()
    {
        using var host = Host();
        var fifo = Path.Combine(inbox, "a-pipe.txt");
        SpecialFiles.MakeFifo(fifo);
        File.WriteAllText(Path.Combine(inbox, "b.txt"), FeedFixtures.SampleText);

        try
        {
            await ScanTwiceAsync(host);
        }
        catch (TimeoutException)
        {
            SpecialFiles.ReleaseBlockedReader(fifo);
            throw;
        }

        Assert.Equal(FeedFixtures.SampleText, Assert.Single(host.Importer.Documents).Text);
        Assert.True(File.Exists(Path.Combine(Processed, "b.txt")));
        Assert.True(File.Exists(Path.Combine(Failed, "a-pipe.txt")));
        Assert.Equal("a-pipe.txt: a FIFO (named pipe), not a regular file; only regular files are read.\n", ErrorText(Failed, "a-pipe.txt"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(inbox), e => !Directory.Exists(e));
    }

    [Fact]
    public async Task DanglingLinkAndLinkToADevice_AreMovedToFailed_NotRetriedForever()
    {
        using var host = Host();
        File.CreateSymbolicLink(Path.Combine(inbox, "gone.txt"), Path.Combine(inbox, "nowhere.txt"));
        File.CreateSymbolicLink(Path.Combine(inbox, "zero.md"), "/dev/zero");
        File.WriteAllText(Path.Combine(inbox, "review.txt"), FeedFixtures.SampleText);

        await ScanTwiceAsync(host);

        Assert.Single(host.Importer.Documents);
        Assert.StartsWith("gone.txt: a symbolic link whose target does not exist", ErrorText(Failed, "gone.txt"), StringComparison.Ordinal);
        Assert.Equal("zero.md: a symbolic link to a character device, not a regular file; only regular files are read.\n", ErrorText(Failed, "zero.md"));
        // The links themselves moved, as they were; nothing was followed or copied.
        Assert.Equal("/dev/zero", new FileInfo(Path.Combine(Failed, "zero.md")).LinkTarget);
    }

    [Fact]
    public async Task LinkToAFileThatReadsDifferentlyEachTime_IsFiled_NotReadAgainForEver()
    {
        // /proc/uptime is one file whose text changes between any two reads: the inbox checks that
        // the name still leads to the file it read before moving it, and that is still this file.
        using var host = Host();
        File.CreateSymbolicLink(Path.Combine(inbox, "uptime.txt"), "/proc/uptime");

        await ScanTwiceAsync(host);

        Assert.Equal("/proc/uptime", new FileInfo(Path.Combine(Failed, "uptime.txt")).LinkTarget);
        Assert.StartsWith("uptime.txt: ", ErrorText(Failed, "uptime.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(inbox), e => !Directory.Exists(e));
    }

    /// <summary>
    /// Whoever may drop files in the inbox may not make the bot read files elsewhere (its settings with
    /// the token, its database) by dropping a link to them: a link made by another user is filed unread.
    /// One made by root or the bot's own user is still followed.
    /// </summary>
    [Fact]
    public async Task LinkMadeByAnotherUser_IsFiledUnread_WhileOneMadeByRootIsFollowed()
    {
        using var host = Host();
        var outside = Path.Combine(Path.GetTempPath(), $"reviewbot-outside-{Guid.NewGuid():N}.txt");
        File.WriteAllText(outside, FeedFixtures.SampleText);
        try
        {
            var theirs = Path.Combine(inbox, "theirs.txt");
            File.CreateSymbolicLink(theirs, outside);
            await ChangeLinkOwnerAsync(theirs, 65534);
            File.CreateSymbolicLink(Path.Combine(inbox, "ours.txt"), outside);

            await ScanTwiceAsync(host);

            Assert.Single(host.Importer.Documents);
            Assert.True(File.Exists(Path.Combine(Processed, "ours.txt")));
            Assert.Equal(outside, new FileInfo(Path.Combine(Failed, "theirs.txt")).LinkTarget);
            Assert.StartsWith("theirs.txt: a symbolic link made by another user (uid 65534), not followed", ErrorText(Failed, "theirs.txt"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    /// <summary>
    /// A name is anyone's to choose, and one holding an ESC sequence, logged as it is, is a command to
    /// the terminal the log is read on (clear the screen, retitle the window). The error file already
    /// showed it as its code point; the log lines now say the same.
    /// </summary>
    [Fact]
    public async Task NameWithAnEscapeSequence_IsLoggedWithItsCodePoints_AndTheFilesAreStillHandled()
    {
        using var host = Host();
        File.WriteAllText(Path.Combine(inbox, "bad\u001B[2J.txt"), "Not a review at all\n");
        File.WriteAllText(Path.Combine(inbox, "good\u001B]0;x\u0007.txt"), FeedFixtures.SampleText);

        await ScanTwiceAsync(host);

        Assert.Equal("bad<U+001B>[2J.txt: ", ErrorText(Failed, "bad\u001B[2J.txt")[..20]);
        Assert.True(File.Exists(Path.Combine(Processed, "good\u001B]0;x\u0007.txt")));
        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, log => log.Message.Contains("bad<U+001B>[2J.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, log => log.Message.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')));
    }

    [Fact]
    public async Task NameThatIsNotUtf8_IsReported_NotIgnoredSilently()
    {
        using var host = Host();
        var outside = Path.Combine(Path.GetTempPath(), $"reviewbot-latin1-{Guid.NewGuid():N}.txt");
        File.WriteAllText(outside, FeedFixtures.SampleText);
        SpecialFiles.MoveToLatin1Name(outside, inbox);
        try
        {
            await ScanTwiceAsync(host);
            host.Time.Advance(Settle);
            await ScanTwiceAsync(host);

            // It cannot be read or moved by a name .NET can spell, so it stays; but it is not lost
            // silently: the operator is told once what to do about it.
            Assert.Single(Directory.EnumerateFiles(inbox));
            var warnings = host.Logs.GetSnapshot().Where(l => l.Message.Contains("cannot be opened by its name", StringComparison.Ordinal)).ToList();
            var warning = Assert.Single(warnings);
            Assert.Contains("not valid UTF-8", warning.Message);
        }
        finally
        {
            SpecialFiles.RemoveLatin1Name(inbox);
        }
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        Directory.Delete(inbox, recursive: true);
    }
}
