using System.Text;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

public sealed class InboxWatcherTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string inbox = Directory.CreateTempSubdirectory("reviewbot-inbox-").FullName;
    private readonly List<SourcesTestHost> hosts = [];

    private string Processed => Path.Combine(inbox, "processed");

    private string Failed => Path.Combine(inbox, "failed");

    private SourcesTestHost Host(RecordingImporter? importer = null, string settle = "00:00:02", string rescan = "00:01:00")
    {
        var host = new SourcesTestHost(
            new Dictionary<string, string?>
            {
                ["Reviews:InboxDirectory"] = inbox,
                ["Reviews:InboxSettleTime"] = settle,
                ["Reviews:InboxRescanInterval"] = rescan,
            },
            importer);
        hosts.Add(host);
        return host;
    }

    private static Task ScanTwiceAsync(SourcesTestHost host) => InboxSteps.ScanTwiceAsync(host, Settle);

    private string Drop(string name, string text) => InboxSteps.Drop(inbox, name, text);

    private static string Names(string directory) => InboxSteps.Names(directory);

    [Fact]
    public async Task GrowingFile_IsNotReadHalfWay()
    {
        using var host = Host();
        var half = FeedFixtures.SampleText.Length / 2;
        var path = Drop("growing.txt", FeedFixtures.SampleText[..half]);
        var watcher = host.Get<InboxWatcher>();

        await watcher.ScanOnceAsync(CancellationToken.None);
        host.Time.Advance(Settle);
        File.AppendAllText(path, FeedFixtures.SampleText[half..]); // the copy is still going
        var pending = await watcher.ScanOnceAsync(CancellationToken.None);
        Assert.Equal(1, pending);
        Assert.Empty(host.Importer.Documents);
        host.Time.Advance(Settle);
        await watcher.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(FeedFixtures.SampleText, Assert.Single(host.Importer.Documents).Text);
    }

    [Fact]
    public async Task StableButTooSoon_WaitsForTheSettleTime()
    {
        using var host = Host();
        Drop("soon.txt", FeedFixtures.SampleText);
        var watcher = host.Get<InboxWatcher>();

        await watcher.ScanOnceAsync(CancellationToken.None);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var pending = await watcher.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(1, pending);
        Assert.Empty(host.Importer.Documents);
    }

    [Fact]
    public async Task NotUtf8AndOversizedFiles_FailWithoutReachingTheImporter()
    {
        using var host = Host();
        File.WriteAllBytes(Path.Combine(inbox, "latin1.txt"), Encoding.Latin1.GetBytes("Pokémon Season 1 Review – Caf\u00e9\nEpisode Guide\n"));
        File.WriteAllText(Path.Combine(inbox, "huge.txt"), new string('x', 1024 * 1024 + 1));
        File.WriteAllText(Path.Combine(inbox, "unicode.txt"), "Pokémon Season 1 Review – Café\nEpisode Guide\n", Encoding.Unicode);

        await ScanTwiceAsync(host);

        Assert.Empty(host.Importer.Documents);
        Assert.Equal(
            "latin1.txt:1: the file is not valid UTF-8 (bad byte at offset 3); expected UTF-8 text, save it as UTF-8 and drop it in again.",
            File.ReadAllText(Path.Combine(Failed, "latin1.txt.error.txt")).Trim());
        Assert.Equal(
            "unicode.txt: the file looks like UTF-16 (little-endian, with a byte-order mark), not UTF-8; expected UTF-8 text, save it as UTF-8 and drop it in again.",
            File.ReadAllText(Path.Combine(Failed, "unicode.txt.error.txt")).Trim());
        Assert.Contains("huge.txt: the file is 1,048,577 bytes", File.ReadAllText(Path.Combine(Failed, "huge.txt.error.txt")));
    }

    [Fact]
    public async Task FileThatStaysUnreadable_IsReportedOnce_ThenImportedOnceItCanBeRead()
    {
        // A file whose reads fail (here a link to this process's memory file, which refuses a read at
        // its start with EIO; root reads past any permission) waits in the inbox, said once, not at every scan.
        using var host = Host();
        var watcher = host.Get<InboxWatcher>();
        var path = Path.Combine(inbox, "unreadable.txt");
        File.CreateSymbolicLink(path, "/proc/self/mem");
        await ScanTwiceAsync(host);
        for (var scan = 0; scan < 3; scan++)
        {
            host.Time.Advance(Settle);
            await watcher.ScanOnceAsync(CancellationToken.None);
        }

        Assert.Empty(host.Importer.Documents);
        Assert.Single(host.Logs.GetSnapshot(), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("unreadable.txt", StringComparison.Ordinal));

        File.Delete(path);
        Drop("unreadable.txt", FeedFixtures.SampleText);
        await ScanTwiceAsync(host);

        Assert.Single(host.Importer.Documents);
        Assert.Equal("unreadable.txt", Names(Processed));
    }

    [Fact]
    public async Task TempAndOtherFiles_AreLeftAlone()
    {
        using var host = Host();
        string[] ignored = [".#review.md", "~review.txt", "review.txt~", "review.txt.part", "review.docx", ".hidden.txt"];
        foreach (var name in ignored)
        {
            Drop(name, FeedFixtures.SampleText);
        }

        await ScanTwiceAsync(host);

        Assert.Empty(host.Importer.Documents);
        Assert.Equal(string.Join(",", ignored.Order(StringComparer.Ordinal)), Names(inbox));
    }

    [Fact]
    public async Task ImporterOutage_LeavesTheFileInTheInbox_ForARetry()
    {
        using var host = Host();
        Drop("review.txt", FeedFixtures.SampleText);
        host.Importer.BeforeImport = _ => throw new InvalidOperationException("database is locked");

        await ScanTwiceAsync(host);
        for (var scan = 0; scan < 3; scan++)
        {
            await host.Get<InboxWatcher>().ScanOnceAsync(CancellationToken.None);
        }

        Assert.Equal("review.txt", Names(inbox));
        host.Importer.BeforeImport = null;
        await host.Get<InboxWatcher>().ScanOnceAsync(CancellationToken.None);

        Assert.Equal("review.txt", Names(Processed));
        Assert.Single(host.Importer.Documents);
        // Said when the file first stayed, not at each of the four scans that found the outage.
        Assert.Single(host.Logs.GetSnapshot(), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("review.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileTakenByAnotherWatcherDuringImport_IsReportedAsGone_NotAsAFailureToRetry()
    {
        // Two processes watching one inbox: the other one imports and moves the file while this one
        // is importing the same content (Unchanged for whichever comes second).
        using var host = Host();
        var path = Drop("review.txt", FeedFixtures.SampleText);
        host.Importer.BeforeImport = _ => File.Move(path, Path.Combine(Processed, "review.txt"));

        await ScanTwiceAsync(host);

        Assert.Equal("review.txt", Names(Processed));
        Assert.Equal("", Names(inbox));
        Assert.Equal("", Names(Failed));
        var logs = host.Logs.GetSnapshot();
        Assert.DoesNotContain(logs, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains(logs, l => l.Message.Contains("was moved away by someone else", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileReplacedDuringImport_StaysInTheInbox_AndItsNewContentIsImportedNext()
    {
        // An editor or a copy tool renames a new version over the name while the old one is being
        // imported (or, with two processes on one inbox, a new file is dropped under the name the
        // other process has just filed): what is moved to processed/ must be what was imported.
        using var host = Host();
        var path = Drop("review.txt", FeedFixtures.SampleText);
        var edited = FeedFixtures.SampleText.Replace("Verdict - 6/10", "Verdict - 7/10", StringComparison.Ordinal);
        Assert.NotEqual(FeedFixtures.SampleText, edited);
        host.Importer.BeforeImport = _ =>
        {
            host.Importer.BeforeImport = null;
            var temporary = Path.Combine(inbox, ".review.txt.part");
            File.WriteAllText(temporary, edited);
            File.Move(temporary, path, overwrite: true);
        };

        await ScanTwiceAsync(host);

        Assert.Equal("", Names(Processed));
        Assert.Equal(edited, File.ReadAllText(path));

        host.Time.Advance(Settle);
        await ScanTwiceAsync(host);

        Assert.Equal([FeedFixtures.SampleText, edited], host.Importer.Documents.Select(d => d.Text));
        Assert.Equal("review.txt", Names(Processed));
        Assert.Equal(edited, File.ReadAllText(Path.Combine(Processed, "review.txt")));
        Assert.Equal("", Names(inbox));
    }

    [Fact]
    public async Task RefusedFileWithANameNearTheLengthLimit_IsFiledWithItsErrorBesideIt()
    {
        // 250 bytes: a name the file system takes, but not with ".error.txt" after it (255 at most).
        // Titles in Japanese take three bytes a character, so 82 of them are enough.
        using var host = Host();
        var name = new string('n', 246) + ".txt";
        Drop(name, "Just some news, no review here.\n");

        await ScanTwiceAsync(host);

        Assert.Equal("", Names(inbox));
        var filed = Assert.Single(Directory.EnumerateFiles(Failed), f => !f.EndsWith(".error.txt", StringComparison.Ordinal));
        Assert.Equal("Just some news, no review here.\n", File.ReadAllText(filed));
        Assert.StartsWith(name + ": ", File.ReadAllText(filed + ".error.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task FileDroppedAgainUnderALongName_IsFiledBesideTheFirst_NotRetriedForever()
    {
        // The second file needs a timestamp after its name, which would take it past 255 bytes.
        using var host = Host();
        var name = new string('r', 240) + ".txt";
        Drop(name, FeedFixtures.SampleText);
        await ScanTwiceAsync(host);
        Drop(name, FeedFixtures.SampleText);

        host.Time.Advance(Settle);
        await ScanTwiceAsync(host);

        Assert.Equal("", Names(inbox));
        Assert.Equal(2, Directory.EnumerateFiles(Processed).Count());
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task FileTakenByAnotherWatcherBeforeItFails_IsNotReportedTwice()
    {
        using var host = Host();
        var path = Drop("news.txt", "Just some news, no review here.\n");
        host.Importer.BeforeImport = _ => File.Move(path, Path.Combine(Failed, "news.txt"));

        await ScanTwiceAsync(host);

        Assert.Equal("news.txt", Names(Failed));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Run_NoticesADroppedFilePromptly_WithoutWaitingForTheRescan()
    {
        // Rescans a day apart on a clock that moves only by the loop's shortest wait between scans:
        // only the file-system watcher can find the file.
        using var host = Host(settle: "00:00:00", rescan: "1.00:00:00");
        var imported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Importer.BeforeImport = _ => imported.TrySetResult();
        using var stop = new CancellationTokenSource();
        var start = host.Time.GetUtcNow();
        var run = host.Get<InboxWatcher>().RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => Directory.Exists(Failed), Guard);

        // Written under a temp name and renamed, as careful copy tools do.
        File.WriteAllText(Path.Combine(inbox, ".review.txt.tmp"), FeedFixtures.SampleText);
        File.Move(Path.Combine(inbox, ".review.txt.tmp"), Path.Combine(inbox, "review.txt"));
        await Eventually.WaitUntilAsync(
            () =>
            {
                host.Time.Advance(InboxWatcher.MinimumScanGap);
                return File.Exists(Path.Combine(Processed, "review.txt"));
            },
            Guard);
        Assert.True(imported.Task.IsCompleted);
        Assert.True(host.Time.GetUtcNow() - start < TimeSpan.FromDays(1), "the file was found by a rescan, not by the watcher");

        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Single(host.Importer.Documents);
    }

    /// <summary>
    /// A watch follows the folder it was started on, not its name: once the inbox is moved away and
    /// made again (or deleted and made again), that watch hears nothing of the new folder, and every
    /// file dropped after would wait for a rescan for as long as the bot runs. A rescan that finds
    /// another folder under the name watches it instead.
    /// </summary>
    [Fact]
    public async Task Run_InboxReplacedWhileWatched_IsWatchedAgain_AfterTheNextRescan()
    {
        using var host = Host(settle: "00:00:00", rescan: "1.00:00:00");
        using var stop = new CancellationTokenSource();
        var run = host.Get<InboxWatcher>().RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => Directory.Exists(Failed), Guard);
        var old = inbox + ".old";
        Directory.Move(inbox, old);
        Directory.CreateDirectory(inbox);

        // A rescan finds the new folder (it makes its processed/ and failed/), and from then on only
        // the watcher can find a file: the clock moves by the loop's shortest wait, never by a day again.
        await Eventually.WaitUntilAsync(
            () =>
            {
                host.Time.Advance(TimeSpan.FromDays(1));
                return Directory.Exists(Failed) && host.Logs.GetSnapshot().Any(l => l.Message.Contains("watching the new one", StringComparison.Ordinal));
            },
            Guard);
        var start = host.Time.GetUtcNow();
        Drop("review.txt", FeedFixtures.SampleText);
        await Eventually.WaitUntilAsync(
            () =>
            {
                host.Time.Advance(InboxWatcher.MinimumScanGap);
                return File.Exists(Path.Combine(Processed, "review.txt"));
            },
            Guard);

        Assert.True(host.Time.GetUtcNow() - start < TimeSpan.FromDays(1), "the file was found by a rescan, not by the watcher");
        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Directory.Delete(old, recursive: true);
    }

    [Fact]
    public async Task Run_InboxThatCannotBeScanned_IsReportedOnce_AndSaidWhenScanningWorksAgain()
    {
        // A file where the folder was (a scan makes a deleted folder again, but not over a file): every
        // rescan fails alike, and logged its exception each time.
        using var host = Host(rescan: "00:00:10");
        using var stop = new CancellationTokenSource();
        var run = host.Get<InboxWatcher>().RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => Directory.Exists(Failed), Guard);
        Directory.Delete(inbox, recursive: true);
        File.WriteAllText(inbox, "not a folder");

        await AdvanceUntilAsync(() => Scans(host) >= 4);
        File.Delete(inbox);
        await AdvanceUntilAsync(() => host.Logs.GetSnapshot().Any(l => l.Message.Contains("works again", StringComparison.Ordinal)));

        await stop.CancelAsync();
        await run.WaitAsync(Guard);
        Assert.Single(host.Logs.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.StartsWith("Scanning inbox", StringComparison.Ordinal));

        async Task AdvanceUntilAsync(Func<bool> done)
        {
            var deadline = DateTime.UtcNow + Guard;
            while (!done())
            {
                Assert.True(DateTime.UtcNow < deadline, "the watcher did not get there");
                host.Time.Advance(TimeSpan.FromSeconds(10));
                await Task.Delay(20);
            }
        }

        static int Scans(SourcesTestHost host) =>
            host.Logs.GetSnapshot().Count(l => l.Message.StartsWith("Scanning inbox", StringComparison.Ordinal) && l.Message.Contains("failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WithNoInboxConfigured_ReturnsAtOnce()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?>());

        await host.Get<InboxWatcher>().RunAsync(CancellationToken.None).WaitAsync(Guard);

        Assert.Contains(host.Logs.GetSnapshot(), l => l.Message.Contains("inbox is off", StringComparison.Ordinal));
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
