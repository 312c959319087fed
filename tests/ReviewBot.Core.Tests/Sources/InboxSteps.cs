using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>The steps the inbox tests share: drop a file, let the settle time pass between two scans, list a folder.</summary>
internal static class InboxSteps
{
    /// <summary>Two checks, the settle time apart: what a file needs before it is read.</summary>
    public static async Task ScanTwiceAsync(SourcesTestHost host, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        var watcher = host.Get<InboxWatcher>();
        await watcher.ScanOnceAsync(cancellationToken);
        host.Time.Advance(settle);
        await watcher.ScanOnceAsync(cancellationToken);
    }

    public static string Drop(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The file names in <paramref name="directory"/>, sorted, comma-separated.</summary>
    public static string Names(string directory) =>
        string.Join(",", Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
}
