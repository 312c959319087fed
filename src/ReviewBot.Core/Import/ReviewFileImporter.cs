using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Import;

/// <summary>
/// The file front end of the importer (the import verb and the samples seed): walks folders, rejects
/// entries that cannot be reviews before parsing, and keeps going after a bad one. Every problem is
/// one result (<c>path: why</c>); nothing a folder holds can stop or stall the batch.
/// </summary>
/// <remarks>
/// Symbolic links to folders met while walking are not followed (each is reported): following them
/// is how <c>self -&gt; .</c> loops forever and how a link leads the import out of the folder it was
/// given. A folder named on the command line is used even when it is a link, since someone chose it.
/// Links to files are read like the files they point to.
/// </remarks>
public sealed class ReviewFileImporter(IReviewImporter importer, IReviewFileReader reader, ILogger<ReviewFileImporter> logger)
{
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Imports each file, and each *.txt / *.md file under each folder (sorted, depth first).</summary>
    public async Task<IReadOnlyList<ImportResult>> ImportPathsAsync(
        IEnumerable<string> paths, bool announce, ReviewOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<ImportResult>();
        foreach (var path in paths)
        {
            if (FileProbe.KindOf(path, followLinks: true) == FileKind.Directory)
            {
                var before = results.Count;
                await ImportFolderAsync(path, announce, origin, results, cancellationToken);
                if (results.Count == before)
                {
                    results.Add(new ImportResult(ImportStatus.Rejected, path, Error: "the folder has no .txt or .md files; expected review files"));
                }
            }
            else
            {
                results.Add(await ImportFileAsync(path, announce, origin, cancellationToken));
            }
        }

        return results;
    }

    public async Task<ImportResult> ImportFileAsync(string path, bool announce, ReviewOrigin origin, CancellationToken cancellationToken)
    {
        var read = await reader.ReadAsync(path, MaxFileBytes, cancellationToken);
        if (read.Text is not { } text)
        {
            logger.LogWarning("Rejected {File}: {Error}", path, read.Error);
            return new ImportResult(ImportStatus.Rejected, path, Error: read.Error, Line: read.Line);
        }

        // Checked as soon as the read is done, before anything is stored: a write that landed while the
        // file was read (an editor saving in place, a copy still running) may have made the text half one
        // version and half the other. A change after this point does not matter: what was read is whole.
        if (read.ChangedSince(path))
        {
            return Reject(path,
                "the file changed while it was read, so what was read may mix two versions; nothing was imported from it, import it again once it is saved");
        }

        try
        {
            return await importer.ImportAsync(
                new ReviewDocument(Path.GetFullPath(path), path, text, origin, announce), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The transaction rolled back; one file's failure (a locked database, a failing
            // participant) must not stop the rest of the batch. The details go to the debug log:
            // the console gets the one line of the result.
            logger.LogWarning("Could not save {File}: {Reason}", path, ex.Message);
            logger.LogDebug(ex, "Could not save {File}", path);
            return new ImportResult(ImportStatus.Rejected, path, Error: $"could not be saved, nothing was written: {ex.Message}");
        }
    }

    /// <summary>
    /// One folder level, listed and sorted before anything is imported; subfolders are walked as they
    /// come, so a subfolder that vanishes or cannot be listed meanwhile is reported in its turn.
    /// </summary>
    private async Task ImportFolderAsync(
        string folder, bool announce, ReviewOrigin origin, List<ImportResult> results, CancellationToken cancellationToken)
    {
        List<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            results.Add(Reject(folder, ex is DirectoryNotFoundException
                ? "the folder vanished before it could be read; nothing in it was imported"
                : $"the folder cannot be read ({ex.Message}); nothing in it was imported"));
            return;
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, entry.Name); // as the user named the folder, relative or not
            var kind = FileProbe.KindOf(path, followLinks: false);
            if (kind == FileKind.Missing)
            {
                // Listed a moment ago, gone now (someone moved or deleted it meanwhile), unless the
                // name as listed is not the name on disk at all.
                if (FileProbe.IsUnspellableName(entry.Name) && (entry is DirectoryInfo || IsReviewFileName(entry.Name)))
                {
                    results.Add(Reject(path,
                        "the name is not valid UTF-8, so it cannot be opened by its name; rename it (to UTF-8) and import it again"));
                }
                else if (entry is DirectoryInfo)
                {
                    results.Add(Reject(path, "the folder vanished before it could be read; nothing in it was imported"));
                }
                else if (IsReviewFileName(entry.Name))
                {
                    results.Add(Reject(path, "the file vanished before it could be read; nothing was imported from it"));
                }
            }
            else if (kind == FileKind.Directory)
            {
                await ImportFolderAsync(path, announce, origin, results, cancellationToken);
            }
            else if (kind == FileKind.SymbolicLink && FileProbe.KindOf(path, followLinks: true) == FileKind.Directory)
            {
                results.Add(Reject(path,
                    "a symbolic link to a folder; linked folders are not followed (import the folder it points to by its own path)"));
            }
            else if (IsReviewFileName(entry.Name))
            {
                // Vanished, dangling, FIFOs and devices named *.txt: the reader says which.
                results.Add(await ImportFileAsync(path, announce, origin, cancellationToken));
            }
        }
    }

    private ImportResult Reject(string path, string error)
    {
        logger.LogWarning("Rejected {File}: {Error}", path, error);
        return new ImportResult(ImportStatus.Rejected, path, Error: error);
    }

    private static bool IsReviewFileName(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".md", StringComparison.OrdinalIgnoreCase);
    }
}
