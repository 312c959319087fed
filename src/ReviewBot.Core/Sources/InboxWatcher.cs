using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Imports review files dropped into the inbox folder. A FileSystemWatcher makes it prompt; a
/// periodic rescan catches what the watcher misses (overflows, network shares) and files left by an
/// earlier run. A file is read only once its size and modification time are stable across two checks
/// at least the settle time apart, so a file still being copied is never read half-way. Afterwards it
/// moves to processed/ or failed/ (with a .error.txt); a crash between import and move is harmless
/// because the same content is the same source key (<see cref="SourceKeyFor"/>), and importing it again is Unchanged.
/// </summary>
public sealed class InboxWatcher(
    IReviewImporter importer,
    IOptions<InboxOptions> options,
    TimeProvider timeProvider,
    ILogger<InboxWatcher> logger)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, Observation> observations = new(StringComparer.Ordinal);

    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private InboxFolders? folders;

    private InboxFolders Folders => folders ??= new InboxFolders(options.Value.InboxDirectory, timeProvider);

    /// <summary>Runs until cancelled; the host's background service calls this. Returns at once when the inbox is off.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("No inbox configured (Reviews:InboxDirectory); the inbox is off");
            return;
        }

        try
        {
            Folders.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Reviews:InboxDirectory '{settings.InboxDirectory}' (with its processed/ and failed/ folders) cannot be created: {ex.Message}", ex);
        }

        using var watcher = new FileSystemWatcher(Folders.Inbox)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
        };
        watcher.Created += (_, _) => Wake();
        watcher.Changed += (_, _) => Wake();
        watcher.Renamed += (_, _) => Wake();
        watcher.Error += (_, e) =>
        {
            // An overflow loses events, not files: the rescan below still finds them.
            logger.LogWarning(e.GetException(), "Inbox watcher error in {InboxDirectory}; relying on rescans", Folders.Inbox);
            Wake();
        };
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching inbox {InboxDirectory}", Folders.Inbox);

        while (!cancellationToken.IsCancellationRequested)
        {
            int pending;
            try
            {
                pending = await ScanOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Scanning inbox {InboxDirectory} failed; retrying at the next rescan", Folders.Inbox);
                pending = 0;
            }

            // Files waiting to settle are checked again after the settle time; otherwise sleep until
            // the watcher wakes us or the rescan interval passes.
            await WaitAsync(pending > 0 ? settings.InboxSettleTime : settings.InboxRescanInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Looks at every candidate file once: stable files are imported and moved, the others are
    /// remembered for the next check. Returns how many files are still waiting to settle.
    /// </summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        Folders.Create();
        var now = timeProvider.GetUtcNow();
        var settle = options.Value.InboxSettleTime;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = 0;
        foreach (var path in Folders.Candidates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            seen.Add(path);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                continue;
            }

            var current = new Observation(info.Length, info.LastWriteTimeUtc, now);
            if (!observations.TryGetValue(path, out var previous) || !previous.SameFile(current))
            {
                observations[path] = current;
                pending++;
                continue;
            }

            if (now - previous.SeenAt < settle)
            {
                pending++;
                continue;
            }

            try
            {
                if (await ProcessAsync(path, info.Length, cancellationToken))
                {
                    observations.Remove(path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // One file that cannot be moved (permissions, a full disk) must not hold up the rest of the batch.
                logger.LogError(ex, "Could not move inbox file {FileName}; it stays in the inbox and is retried", Path.GetFileName(path));
            }
        }

        foreach (var gone in observations.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            observations.Remove(gone);
        }

        return pending;
    }

    /// <returns>True when the file was moved out of the inbox; false when it stays for a later retry.</returns>
    private async Task<bool> ProcessAsync(string path, long length, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var limit = options.Value.InboxMaxFileBytes;
        if (length > limit)
        {
            Fail(path, $"{name}: the file is {length:N0} bytes; a review file may be at most {limit:N0} bytes.");
            return true;
        }

        string text;
        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            Fail(path, $"{name}: the file is not UTF-8 text (invalid bytes at offset {ex.Index}); save it as UTF-8 and drop it in again.");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Locked, unreadable or vanished between the check and the read: try again at the next scan.
            logger.LogWarning(ex, "Could not read inbox file {FileName}; will retry", name);
            return false;
        }

        ImportResult result;
        try
        {
            result = await importer.ImportAsync(new ReviewDocument(SourceKeyFor(text), name, text, ReviewOrigin.Inbox), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not the file's fault (the database, most likely): leave it in the inbox for a retry.
            logger.LogError(ex, "Importing inbox file {FileName} failed; it stays in the inbox and is retried", name);
            return false;
        }

        if (!result.Succeeded)
        {
            Fail(path, result.ToString());
            return true;
        }

        var moved = Folders.MoveTo(path, Folders.Processed);
        logger.LogInformation("Imported inbox file {FileName}: {ImportStatus} ({ShowSlug}); moved to {MovedTo}", name, result.Status, result.ShowSlug, moved);
        return true;
    }

    /// <summary>
    /// An inbox file's identity is its content, not its name: people reuse names like review.txt, and
    /// a name-based key would let a later, different review overwrite the earlier one in place. With
    /// the content as key, a re-dropped identical file (or a retry after a crash between import and
    /// move) is Unchanged, and an edited review still updates its own through the importer's
    /// show-and-season match.
    /// </summary>
    public static string SourceKeyFor(string text) =>
        "inbox:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void Fail(string path, string error)
    {
        var moved = Folders.MoveTo(path, Folders.Failed);
        File.WriteAllText(moved + ".error.txt", error + Environment.NewLine, StrictUtf8);
        logger.LogWarning("Inbox file {FileName} failed and was moved to {MovedTo}: {Error}", Path.GetFileName(path), moved, error);
    }

    private void Wake() => wakeUps.Writer.TryWrite(true);

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeProvider, delayCancel.Token);
        var wake = wakeUps.Reader.WaitToReadAsync(delayCancel.Token).AsTask();
        await Task.WhenAny(delay, wake);
        await delayCancel.CancelAsync();
        while (wakeUps.Reader.TryRead(out _))
        {
        }
    }

    private sealed record Observation(long Length, DateTime LastWriteUtc, DateTimeOffset SeenAt)
    {
        public bool SameFile(Observation other) => Length == other.Length && LastWriteUtc == other.LastWriteUtc;
    }
}
