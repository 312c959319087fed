namespace ReviewBot.Core.Sources;

/// <summary>Tells when a folder's entries may have changed, so that it is scanned at once rather than at its next rescan.</summary>
public interface IFolderChanges
{
    /// <summary>
    /// Calls <paramref name="changed"/> when an entry of <paramref name="folder"/> is created, written or
    /// renamed, and <paramref name="lost"/> when changes may have gone untold (an overflow), until the
    /// result is disposed. Throws <see cref="IOException"/> when the system will not watch the folder:
    /// on Linux, when the user's inotify instances (128 by default) are used up by other programs.
    /// </summary>
    IDisposable Watch(string folder, Action changed, Action<Exception> lost);
}

/// <summary>A <see cref="FileSystemWatcher"/> on the folder's own entries.</summary>
internal sealed class FileSystemFolderChanges : IFolderChanges
{
    public IDisposable Watch(string folder, Action changed, Action<Exception> lost)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
        };
        try
        {
            watcher.Created += (_, _) => changed();
            watcher.Changed += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.Error += (_, e) => lost(e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }
    }
}
