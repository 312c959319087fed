using System.Text;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Import;

/// <summary>
/// The file front end of the importer (the import verb and the samples seed): expands folders,
/// rejects files that cannot be reviews before parsing, and keeps going after a bad file.
/// </summary>
public sealed class ReviewFileImporter(IReviewImporter importer, ILogger<ReviewFileImporter> logger)
{
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly string[] Extensions = [".txt", ".md"];

    // Strict: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Imports each file, and each *.txt / *.md file under each folder (sorted, recursive).</summary>
    public async Task<IReadOnlyList<ImportResult>> ImportPathsAsync(
        IEnumerable<string> paths, bool announce, ReviewOrigin origin, CancellationToken cancellationToken)
    {
        var results = new List<ImportResult>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    results.Add(new ImportResult(ImportStatus.Rejected, path, Error: "the folder has no .txt or .md files; expected review files"));
                }

                foreach (var file in files)
                {
                    results.Add(await ImportFileAsync(file, announce, origin, cancellationToken));
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
        var (text, error, line) = await ReadAsync(path, cancellationToken);
        if (text is null)
        {
            logger.LogWarning("Rejected {File}: {Error}", path, error);
            return new ImportResult(ImportStatus.Rejected, path, Error: error, Line: line);
        }

        try
        {
            return await importer.ImportAsync(
                new ReviewDocument(Path.GetFullPath(path), path, text, origin, announce), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The transaction rolled back; one file's failure (a locked database, a failing
            // participant) must not stop the rest of the batch.
            logger.LogError(ex, "Could not save {File}", path);
            return new ImportResult(ImportStatus.Rejected, path, Error: $"could not be saved, nothing was written: {ex.Message}");
        }
    }

    /// <summary>The file's text, or why it cannot be a review file.</summary>
    internal static async Task<(string? Text, string? Error, int? Line)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, "no such file or folder; expected a review file (.txt or .md) or a folder of them", null);
        }

        if (info.Length > MaxFileBytes)
        {
            return (null, $"the file is {info.Length:N0} bytes; the limit is 1 MiB ({MaxFileBytes:N0} bytes) for a review", null);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Max(ex.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            return (null, $"the file is not valid UTF-8 (bad byte at offset {offset}); expected UTF-8 text, save it as UTF-8", line);
        }

        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            return (null, "the file is empty; expected a review article (.txt) or a Markdown review with front matter (.md)", null);
        }

        return (text, null, null);
    }
}
