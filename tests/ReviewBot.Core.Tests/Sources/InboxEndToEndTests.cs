using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>The inbox folder through the real importer into a real SQLite file, with real files.</summary>
public sealed class InboxEndToEndTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly string inbox = Directory.CreateTempSubdirectory("reviewbot-inbox-e2e-").FullName;
    private readonly SourcesTestDatabase database = new();
    private readonly List<SourcesTestHost> hosts = [];

    private string Processed => Path.Combine(inbox, "processed");

    private string Failed => Path.Combine(inbox, "failed");

    private SourcesTestHost Host(IFolderChanges? changes = null)
    {
        var host = new SourcesTestHost(
            new Dictionary<string, string?> { ["Reviews:InboxDirectory"] = inbox, ["Reviews:InboxSettleTime"] = "00:00:02" },
            database: database,
            realImporter: true,
            replace: changes is null ? null : services => services.AddSingleton<IFolderChanges>(changes));
        hosts.Add(host);
        return host;
    }

    /// <summary>Two checks, the settle time apart: what a file needs before it is read.</summary>
    private static Task ScanTwiceAsync(SourcesTestHost host, CancellationToken cancellationToken = default) =>
        InboxSteps.ScanTwiceAsync(host, Settle, cancellationToken);

    private void Drop(string name, string text) => InboxSteps.Drop(inbox, name, text);

    private static string Names(string directory) => InboxSteps.Names(directory);

    private static string SampleAs(string show) => FeedFixtures.SampleText.Replace("Metallic Rouge", show, StringComparison.Ordinal);

    /// <summary>
    /// Where the system will not watch the folder (on Linux, the user's inotify instances used up by other
    /// programs), the inbox goes on by its rescans, says so once, and tries the watch again each time.
    /// </summary>
    [Fact]
    public async Task Run_WhereTheFolderCannotBeWatched_ImportsByRescansAndSaysSoOnce()
    {
        var refusing = new RefusingFolderChanges();
        using var host = Host(refusing);
        Drop("metallic-rouge.txt", FeedFixtures.SampleText);
        using var stop = new CancellationTokenSource();
        var running = host.Get<InboxWatcher>().RunAsync(stop.Token);

        // The loop waits on the test's clock: move it on until the file has settled, been read and moved.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Names(Processed) == "" && !running.IsCompleted && DateTime.UtcNow < deadline)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        Assert.False(running.IsCompleted, running.Exception?.ToString() ?? "the inbox loop returned");
        Assert.Equal("metallic-rouge.txt", Names(Processed));
        Assert.Equal(1, await host.CountReviewsAsync());
        Assert.True(refusing.Tries >= 2, $"the watch was tried {refusing.Tries} time(s)");
        var said = host.Logs.GetSnapshot().Where(e => e.Message.Contains("Cannot watch inbox", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(said);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("inotify", warning.Message, StringComparison.Ordinal);

        await stop.CancelAsync();
        await running;
    }

    /// <summary>
    /// While the watch is refused it is tried again before each scan; with the inbox deleted meanwhile,
    /// that try met no folder (the scan makes it again, but after), and the watcher's "no such folder"
    /// stopped the inbox loop for its supervisor's restart. The watch is tried once a scan has made the
    /// folder, and a file dropped in then is imported.
    /// </summary>
    [Fact]
    public async Task Run_InboxDeletedWhileTheWatchIsRefused_GoesOn_AndIsWatchedOnceMadeAgain()
    {
        var changes = new RefusingOnceFolderChanges();
        using var host = Host(changes);
        using var stop = new CancellationTokenSource();
        var running = host.Get<InboxWatcher>().RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => changes.Tries >= 1, TimeSpan.FromSeconds(20));
        Directory.Delete(inbox, recursive: true);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (changes.Watching == 0 && !running.IsCompleted && DateTime.UtcNow < deadline)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        Assert.False(running.IsCompleted, running.Exception?.ToString() ?? "the inbox loop returned");
        Assert.Equal(1, changes.Watching);
        Drop("metallic-rouge.txt", FeedFixtures.SampleText);
        while (Names(Processed) == "" && !running.IsCompleted && DateTime.UtcNow < deadline)
        {
            host.Time.Advance(Settle);
            await Task.Delay(20);
        }

        Assert.Equal("metallic-rouge.txt", Names(Processed));
        await stop.CancelAsync();
        await running;
    }

    /// <summary>Refuses the first watch as a used-up inotify limit does, then watches as the bot does.</summary>
    private sealed class RefusingOnceFolderChanges : IFolderChanges
    {
        private readonly FileSystemFolderChanges real = new();
        private int _tries;
        private int _watching;

        public int Tries => Volatile.Read(ref _tries);

        public int Watching => Volatile.Read(ref _watching);

        public IDisposable Watch(string folder, Action changed, Action<Exception> lost)
        {
            if (Interlocked.Increment(ref _tries) == 1)
            {
                throw new IOException("The configured user limit (128) on the number of inotify instances has been reached.");
            }

            var watching = real.Watch(folder, changed, lost);
            Interlocked.Increment(ref _watching);
            return watching;
        }
    }

    private sealed class RefusingFolderChanges : IFolderChanges
    {
        private int _tries;

        public int Tries => Volatile.Read(ref _tries);

        public IDisposable Watch(string folder, Action changed, Action<Exception> lost)
        {
            Interlocked.Increment(ref _tries);
            throw new IOException("The configured user limit (128) on the number of inotify instances has been reached, or the per-process limit on the number of open file descriptors has been reached.");
        }
    }

    [Fact]
    public async Task Scan_DroppedSample_IsStoredAnnouncedAndMovedToProcessed()
    {
        using var host = Host();
        Drop("metallic-rouge.txt", FeedFixtures.SampleText);

        await ScanTwiceAsync(host);

        Assert.Equal("", Names(inbox));
        Assert.Equal("metallic-rouge.txt", Names(Processed));
        Assert.Equal(1, await host.CountReviewsAsync());
        var saved = Assert.Single(host.Saves.Saved);
        Assert.Equal("Metallic Rouge", saved.ShowTitle);
        Assert.Equal(13, saved.Review.Episodes.Count);
        Assert.Equal(ReviewOrigin.Inbox, saved.Origin);
        Assert.True(saved.Announce); // dropped while the bot runs: new, so announced
    }

    [Fact]
    public async Task Scan_BrokenReviewAndNews_MoveToFailedWithAnErrorFileSayingWhatAndWhere()
    {
        using var host = Host();
        Drop("broken.txt", "Metallic Rouge Season 1 Review – Broken\n\nSeason 1\n\nEpisode Guide\n\nEpisode 1: Crimson -| Review Score – 9/5\n");
        Drop("news.md", "# Season 2 announced\n\nNo episode guide here.\n");

        await ScanTwiceAsync(host);

        Assert.Equal("", Names(inbox));
        Assert.Equal("broken.txt,broken.txt.error.txt,news.md,news.md.error.txt", Names(Failed));
        var error = File.ReadAllText(Path.Combine(Failed, "broken.txt.error.txt"));
        Assert.StartsWith("broken.txt:7: episode 1 has score 9/5", error, StringComparison.Ordinal);
        Assert.StartsWith("news.md", File.ReadAllText(Path.Combine(Failed, "news.md.error.txt")), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountReviewsAsync());
        Assert.Empty(host.Saves.Saved);
    }

    /// <summary>The error file names the file as the refusal's other lines do: an invisible character in its name by its code point.</summary>
    [Fact]
    public async Task Scan_BrokenReviewWithAnInvisibleCharacterInItsName_ErrorFileShowsTheCharacter()
    {
        using var host = Host();
        Drop("bro\u200Bken.txt", "Metallic Rouge Season 1 Review – Broken\n\nSeason 1\n\nEpisode Guide\n\nEpisode 1: Crimson -| Review Score – 9/5\n");

        await ScanTwiceAsync(host);

        var error = File.ReadAllText(Path.Combine(Failed, "bro\u200Bken.txt.error.txt"));
        Assert.StartsWith("bro<U+200B>ken.txt:7: episode 1 has score 9/5", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Scan_ReviewWithANulInItsShowTitle_MovesToFailedNamingTheCharacterAndItsLine(StorageProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["Reviews:InboxDirectory"] = inbox, ["Reviews:InboxSettleTime"] = "00:00:02" };
        if (provider == StorageProvider.PostgreSql)
        {
            settings["ConnectionStrings:Reviews"] = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        }

        using var host = new SourcesTestHost(settings, realImporter: true);
        Drop("nul.txt", "Metal\0lic Rouge" + FeedFixtures.SampleText["Metallic Rouge".Length..]);

        await ScanTwiceAsync(host);

        // Refused as the document's fault: moved aside once, never retried like a database outage.
        Assert.Equal("", Names(inbox));
        Assert.Equal("nul.txt,nul.txt.error.txt", Names(Failed));
        Assert.StartsWith("nul.txt:1: control character U+0000 at column 6", File.ReadAllText(Path.Combine(Failed, "nul.txt.error.txt")), StringComparison.Ordinal);
        Assert.Empty(await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None));
    }

    [Fact]
    public async Task Scan_IdenticalFileDroppedAgain_StoresNothingNew_AndKeepsBothFiles()
    {
        using var host = Host();
        Drop("review.txt", FeedFixtures.SampleText);
        await ScanTwiceAsync(host);

        Drop("review.txt", FeedFixtures.SampleText);
        await ScanTwiceAsync(host);

        Assert.Equal(1, await host.CountReviewsAsync());
        Assert.Single(host.Saves.Saved);
        Assert.Equal("review.20261124T120004Z.txt,review.txt", Names(Processed));
    }

    [Fact]
    public async Task Scan_DifferentReviewUnderAReusedFileName_IsStoredBesideTheFirstNotOverIt()
    {
        using var host = Host();
        Drop("review.txt", FeedFixtures.SampleText);
        await ScanTwiceAsync(host);

        Drop("review.txt", SampleAs("Blue Box"));
        await ScanTwiceAsync(host);

        Assert.Equal(2, await host.CountReviewsAsync());
        Assert.Equal(["Metallic Rouge", "Blue Box"], host.Saves.Saved.Select(s => s.ShowTitle));
        Assert.All(host.Saves.Saved, s => Assert.True(s.Created));
    }

    [Fact]
    public async Task Scan_EditedReviewDroppedAgain_UpdatesItsReviewInPlace()
    {
        using var host = Host();
        Drop("metallic-rouge.txt", FeedFixtures.SampleText);
        await ScanTwiceAsync(host);

        Drop("metallic-rouge-v2.txt", FeedFixtures.SampleText.Replace("Verdict - 6/10", "Verdict - 7/10", StringComparison.Ordinal));
        await ScanTwiceAsync(host);

        Assert.Equal(1, await host.CountReviewsAsync());
        var update = host.Saves.Saved[^1];
        Assert.False(update.Created);
        Assert.Equal(host.Saves.Saved[0].ReviewId, update.ReviewId);
        Assert.True(update.VerdictChanged);
    }

    [Fact]
    public async Task Scan_RestartInTheMiddleOfABatch_ImportsTheRestOnceAndLosesNothing()
    {
        foreach (var name in new[] { "a.txt", "b.txt", "c.txt" })
        {
            Drop(name, SampleAs($"Show {char.ToUpperInvariant(name[0])}"));
        }

        // First run: a.txt is imported and moved; the process is stopped while saving b.txt, whose
        // transaction rolls back.
        using var stop = new CancellationTokenSource();
        var first = Host();
        first.Saves.OnSave = saved =>
        {
            if (saved.ShowTitle == "Show B")
            {
                stop.Cancel();
                stop.Token.ThrowIfCancellationRequested();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScanTwiceAsync(first, stop.Token));
        first.Saves.OnSave = null;

        // ...and, worse, a crash between import and move: c.txt was imported but is still in the inbox.
        await first.Get<IReviewImporter>().ImportAsync(
            new ReviewDocument(InboxWatcher.SourceKeyFor(File.ReadAllText(Path.Combine(inbox, "c.txt"))), "c.txt", File.ReadAllText(Path.Combine(inbox, "c.txt")), ReviewOrigin.Inbox), CancellationToken.None);
        Assert.Equal("b.txt,c.txt", Names(inbox));
        Assert.Equal(2, await first.CountReviewsAsync());

        // A new process over the same database finds the leftovers.
        var second = Host();
        await ScanTwiceAsync(second);

        Assert.Equal("", Names(inbox));
        Assert.Equal("a.txt,b.txt,c.txt", Names(Processed));
        Assert.Equal(3, await second.CountReviewsAsync());
        Assert.Equal(["Show B"], second.Saves.Saved.Select(s => s.ShowTitle)); // c.txt was Unchanged
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        database.Dispose();
        Directory.Delete(inbox, recursive: true);
    }
}
