using System.Globalization;
using System.Text;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The inbox and its processed/ and failed/ folders. Files are only ever moved, never deleted or
/// overwritten: a name already taken gets a UTC timestamp suffix (and a counter if that is taken too).
/// </summary>
public sealed class InboxFolders(string inboxDirectory, TimeProvider timeProvider)
{
    /// <summary>What follows a file's name in failed/ for the file that says why it failed.</summary>
    public const string ErrorSuffix = ".error.txt";

    /// <summary>
    /// The longest file name, in bytes of UTF-8 (NAME_MAX on Linux; ext4, XFS and btrfs alike). A name
    /// the inbox accepted can be too long once a timestamp or <see cref="ErrorSuffix"/> follows it.
    /// </summary>
    private const int MaxNameBytes = 255;

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
    /// The file's name as logs and error files show it: a name is anyone's to choose, and one holding an
    /// ESC would be a command to the terminal a log is read on (<see cref="RefusalText"/>).
    /// </summary>
    public static string NameShown(string path) => RefusalText.Visible(Path.GetFileName(path));

    /// <summary>Where the reason a file filed at <paramref name="filed"/> failed is written.</summary>
    public static string ErrorFileFor(string filed) => filed + ErrorSuffix;

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
            var suffix = attempt switch
            {
                0 => "",
                1 => $".{stamp}",
                _ => $".{stamp}-{attempt}",
            };
            var candidate = Fit(stem, suffix + extension) + suffix + extension;
            var target = Path.Combine(folder, candidate);
            if (Taken(target))
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
            catch (IOException) when (Taken(target) && attempt < 100)
            {
                // Someone took the name between the check and the move; try the next one.
            }
        }
    }

    /// <summary>
    /// Whether anything at all holds the name or its error file's: a folder, a FIFO or a dangling
    /// link there refuses the move as surely as a file does, and a check for files alone would try
    /// the same name at every scan for ever. A name that cannot be looked at (in a folder that cannot be
    /// searched) is not taken: the move is tried, never overwrites, and says why it fails, where counting
    /// it taken would try name after name.
    /// </summary>
    private static bool Taken(string target) =>
        FileProbe.KindOf(target, followLinks: false) is not (FileKind.Missing or FileKind.Unreachable)
        || FileProbe.KindOf(ErrorFileFor(target), followLinks: false) is not (FileKind.Missing or FileKind.Unreachable);

    /// <summary>
    /// <paramref name="stem"/>, cut at a character boundary where needed so that it, then
    /// <paramref name="rest"/>, then <see cref="ErrorSuffix"/> fit in one file name: every name filed
    /// can have its error file beside it, and the stamp a taken name gets never makes it one the file
    /// system refuses (which would leave the file in the inbox, retried at every scan for ever).
    /// </summary>
    private static string Fit(string stem, string rest)
    {
        var budget = MaxNameBytes - Encoding.UTF8.GetByteCount(rest) - Encoding.UTF8.GetByteCount(ErrorSuffix);
        if (Encoding.UTF8.GetByteCount(stem) <= budget)
        {
            return stem;
        }

        var length = 0;
        var bytes = 0;
        while (length < stem.Length)
        {
            var step = char.IsHighSurrogate(stem[length]) && length + 1 < stem.Length && char.IsLowSurrogate(stem[length + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(stem.AsSpan(length, step));
            if (bytes + size > budget)
            {
                break;
            }

            bytes += size;
            length += step;
        }

        return stem[..length];
    }
}
