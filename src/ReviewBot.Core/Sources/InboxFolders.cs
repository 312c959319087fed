using System.Globalization;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The inbox and its processed/ and failed/ folders. Files are only ever moved, never deleted or
/// overwritten: a name already taken gets a UTC timestamp suffix (and a counter if that is taken too).
/// </summary>
public sealed class InboxFolders(string inboxDirectory, TimeProvider timeProvider)
{
    public string Inbox { get; } = Path.GetFullPath(inboxDirectory);

    public string Processed => Path.Combine(Inbox, "processed");

    public string Failed => Path.Combine(Inbox, "failed");

    public void Create()
    {
        Directory.CreateDirectory(Inbox);
        Directory.CreateDirectory(Processed);
        Directory.CreateDirectory(Failed);
    }

    /// <summary>Only review files count; editor and download temp files (".#x.md", "~x.txt", "x.txt~") are left alone.</summary>
    public static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.') || name.StartsWith('~') || name.EndsWith('~'))
        {
            return false;
        }

        var extension = Path.GetExtension(name);
        return extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".md", StringComparison.OrdinalIgnoreCase);
    }

    public IEnumerable<string> Candidates() =>
        Directory.EnumerateFiles(Inbox).Where(IsCandidate).Order(StringComparer.Ordinal);

    /// <summary>
    /// Moves the file into <paramref name="folder"/> under a free name and returns its new path; null
    /// when the file is no longer there to move (another process watching the same inbox took it).
    /// </summary>
    public string? MoveTo(string path, string folder)
    {
        var name = Path.GetFileName(path);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var candidate = attempt switch
            {
                0 => name,
                1 => $"{stem}.{stamp}{extension}",
                _ => $"{stem}.{stamp}-{attempt}{extension}",
            };
            var target = Path.Combine(folder, candidate);
            if (File.Exists(target) || File.Exists(target + ".error.txt"))
            {
                continue;
            }

            try
            {
                File.Move(path, target, overwrite: false);
                return target;
            }
            catch (IOException) when (FileProbe.KindOf(path, followLinks: false) == FileKind.Missing)
            {
                return null;
            }
            catch (IOException) when (File.Exists(target) && attempt < 100)
            {
                // Someone took the name between the check and the move; try the next one.
            }
        }
    }
}
