using Microsoft.Extensions.Logging;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>What happens to a handled inbox file when the place it would be filed is not free, or the move fails outright.</summary>
public sealed class InboxFilingTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly string inbox = Directory.CreateTempSubdirectory("reviewbot-inbox-").FullName;
    private readonly List<SourcesTestHost> hosts = [];

    private string Processed => Path.Combine(inbox, "processed");

    private string Failed => Path.Combine(inbox, "failed");

    private SourcesTestHost Host()
    {
        var host = new SourcesTestHost(new Dictionary<string, string?> { ["Reviews:InboxDirectory"] = inbox, ["Reviews:InboxSettleTime"] = "00:00:02" });
        hosts.Add(host);
        return host;
    }

    private static Task ScanTwiceAsync(SourcesTestHost host) => InboxSteps.ScanTwiceAsync(host, Settle);

    private string Drop(string name, string text) => InboxSteps.Drop(inbox, name, text);

    private static string Names(string directory) => InboxSteps.Names(directory);

    [Fact]
    public async Task NamesTakenByFolders_AreFiledUnderAnotherName_NotImportedAgainAtEveryScan()
    {
        using var host = Host();
        Directory.CreateDirectory(Path.Combine(Failed, "news.txt"));
        Directory.CreateDirectory(Path.Combine(Processed, "review.txt.error.txt"));
        Drop("news.txt", "Just some news, no review here.\n");
        Drop("review.txt", FeedFixtures.SampleText);

        await ScanTwiceAsync(host);
        await ScanTwiceAsync(host);

        Assert.Equal("", Names(inbox));
        Assert.Equal(2, host.Importer.Documents.Count);
        var news = Assert.Single(Directory.EnumerateFiles(Failed), f => !f.EndsWith(".error.txt", StringComparison.Ordinal));
        Assert.Matches(@"^news\.\d{8}T\d{6}Z\.txt$", Path.GetFileName(news));
        Assert.True(File.Exists(news + ".error.txt"));
        Assert.Matches(@"^review\.\d{8}T\d{6}Z\.txt$", Names(Processed));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task FileThatCannotBeMoved_IsReportedOnceAndKept_AndNotImportedAgainUntilItChanges()
    {
        // failed/ leads to /proc, where no file can be made: the move fails whatever the name, even for root.
        using var host = Host();
        Directory.CreateSymbolicLink(Failed, "/proc");
        var watcher = host.Get<InboxWatcher>();
        var path = Drop("news.txt", "Just some news, no review here.\n");

        await ScanTwiceAsync(host);
        for (var scan = 0; scan < 3; scan++)
        {
            host.Time.Advance(Settle);
            await watcher.ScanOnceAsync(CancellationToken.None);
        }

        Assert.Single(host.Importer.Documents);
        Assert.Equal("Just some news, no review here.\n", File.ReadAllText(path));
        Assert.Single(host.Logs.GetSnapshot(), l => l.Level >= LogLevel.Error && l.Message.Contains("news.txt", StringComparison.Ordinal));

        // Changed, it is handled again; with failed/ a folder again, it is filed.
        File.Delete(Failed);
        Directory.CreateDirectory(Failed);
        File.AppendAllText(path, "More news.\n");
        host.Time.Advance(Settle);
        await ScanTwiceAsync(host);

        Assert.Equal(2, host.Importer.Documents.Count);
        Assert.Equal("news.txt,news.txt.error.txt", Names(Failed));
        Assert.Equal("", Names(inbox));
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        var failed = new FileInfo(Failed);
        if (failed.LinkTarget is not null)
        {
            failed.Delete();
        }

        Directory.Delete(inbox, recursive: true);
    }
}
