using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Imports review files dropped into the inbox folder. Watching the folder (<see cref="IFolderChanges"/>)
/// makes it prompt; a periodic rescan catches what the watch misses (overflows, network shares), files
/// left by an earlier run, and every file while the system refuses to watch the folder at all. A file is read only once its size and modification time are stable across two checks
/// at least the settle time apart, so a file still being copied is never read half-way. Afterwards it
/// moves to processed/ or failed/ (with a .error.txt); a crash between import and move is harmless
/// because the same content is the same source key (<see cref="SourceKeyFor"/>), and importing it again is Unchanged.
/// </summary>
public sealed class InboxWatcher(
    IReviewImporter importer,
    IFolderChanges changes,
    IOptions<InboxOptions> options,
    TimeProvider timeProvider,
    ILogger<InboxWatcher> logger)
{
    /// <summary>
    /// The shortest wait between two scans, whatever woke the loop or however short the settle time:
    /// while a file keeps changing, every scan finds it unsettled, and without a floor a settle time
    /// of 0 (or a stream of change events) would scan again at once, one core busy until the writes stop.
    /// </summary>
    public static readonly TimeSpan MinimumScanGap = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, Observation> observations = new(StringComparer.Ordinal);

    /// <summary>Entries listed that cannot be opened by their name, already reported (once each, not at every scan).</summary>
    private readonly HashSet<string> unreachable = new(StringComparer.Ordinal);

    /// <summary>
    /// Files left in the inbox for a retry, with the reason last logged for each: a file is retried at
    /// every scan, and its reason is logged when it first stays and when the reason changes, not at
    /// every scan (a day of a locked file, or of the database down, would otherwise say so hundreds of times).
    /// </summary>
    private readonly Dictionary<string, RetryReason> retrying = new(StringComparer.Ordinal);

    /// <summary>
    /// Files handled (imported or refused) that could not be moved out of the inbox, already reported:
    /// they are left alone until they change, instead of being imported again at every scan.
    /// </summary>
    private readonly HashSet<string> unmovable = new(StringComparer.Ordinal);

    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private InboxFolders? folders;

    private InboxFiling? filing;

    /// <summary>Whether the last try to watch the folder was refused (said once, not at every rescan).</summary>
    private bool watchRefused;

    private InboxFolders Folders => folders ??= new InboxFolders(options.Value.InboxDirectory, timeProvider);

    private InboxFiling Filing => filing ??= new InboxFiling(Folders, logger);

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

        IDisposable? watching = null;
        FolderKey? watched = null; // the folder the watch was started on, which the name may no longer lead to
        string? failingWith = null; // why the last scan failed: logged once, then at debug level while scans fail for it
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int pending;
                try
                {
                    pending = await ScanOnceAsync(cancellationToken);
                    if (failingWith is not null)
                    {
                        logger.LogInformation("Scanning inbox {InboxDirectory} works again", Folders.Inbox);
                        failingWith = null;
                    }

                    // After a scan, which has made the folder if it was gone: a watch can only be started
                    // on a folder that is there. Watched when not yet (or while the system refuses), and
                    // anew when the name leads to another folder than the one watched (moved away or
                    // deleted, and made again), whose watch would never tell of a file in this one.
                    var now = FolderKey.Of(Folders.Inbox);
                    if (watching is null || now != watched)
                    {
                        var replaced = watching is not null;
                        watching?.Dispose();
                        watched = now;
                        watching = TryWatch(settings);
                        if (replaced)
                        {
                            logger.LogInformation("Inbox folder {InboxDirectory} was replaced (moved away or deleted, and made again); watching the new one", Folders.Inbox);
                        }

                        if (watching is not null)
                        {
                            // Scanned again at once for whatever came before the watch began.
                            Wake();
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The folder cannot be listed (a file in its place, no permission): said once per reason.
                    var level = ex.Message == failingWith ? LogLevel.Debug : LogLevel.Error;
                    failingWith = ex.Message;
                    logger.Log(level, ex, "Scanning inbox {InboxDirectory} failed; retrying at every rescan", Folders.Inbox);
                    pending = 0;
                }

                // Files waiting to settle are checked again after the settle time; otherwise sleep until
                // the watcher wakes us or the rescan interval passes.
                await WaitAsync(pending > 0 ? settings.InboxSettleTime : settings.InboxRescanInterval, cancellationToken);
            }
        }
        finally
        {
            watching?.Dispose();
        }
    }

    /// <summary>
    /// The folder watched, or null when the system refuses: the rescans still find every file, only
    /// later, and the watch is tried again before each of them.
    /// </summary>
    private IDisposable? TryWatch(InboxOptions settings)
    {
        try
        {
            var watching = changes.Watch(
                Folders.Inbox,
                Wake,
                lost =>
                {
                    // An overflow loses events, not files: the rescan still finds them.
                    logger.LogWarning(lost, "Inbox watcher error in {InboxDirectory}; relying on rescans", Folders.Inbox);
                    Wake();
                });
            logger.LogInformation("Watching inbox {InboxDirectory}", Folders.Inbox);
            watchRefused = false;
            return watching;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            // ArgumentException: the folder went away again since the scan made it; the next scan makes it.
            if (!watchRefused)
            {
                logger.LogWarning(
                    "Cannot watch inbox {InboxDirectory} for new files ({Reason}); scanning it every {RescanInterval} instead, and trying to watch it again each time",
                    Folders.Inbox, ex.Message, settings.InboxRescanInterval);
            }

            watchRefused = true;
            return null;
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
            if (Observe(path, now) is not { } current)
            {
                ReportUnreachable(path);
                continue;
            }

            if (!observations.TryGetValue(path, out var previous) || !previous.SameFile(current))
            {
                unmovable.Remove(path);
                observations[path] = current;
                pending++;
                continue;
            }

            if (unmovable.Contains(path))
            {
                continue;
            }

            if (now - previous.SeenAt < settle)
            {
                pending++;
                continue;
            }

            try
            {
                switch (await ProcessAsync(path, cancellationToken))
                {
                    case InboxFileOutcome.Done:
                        observations.Remove(path);
                        retrying.Remove(path);
                        break;
                    case InboxFileOutcome.Unmovable:
                        unmovable.Add(path);
                        break;
                    case InboxFileOutcome.ChangedMeanwhile when Observe(path, timeProvider.GetUtcNow()) is { } replaced:
                        // Another file under the name now: it settles like any file dropped in.
                        observations[path] = replaced;
                        pending++;
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One entry that cannot be read or moved (permissions, a full disk, a name the file
                // system refuses) must not hold up the rest of the batch or stop the watcher.
                logger.Log(
                    RetryLevel(path, RetryReason.ProcessFailed, LogLevel.Error), ex,
                    "Could not process inbox file {FileName}; it stays in the inbox and is retried at every scan", InboxFolders.NameShown(path));
            }
        }

        foreach (var gone in observations.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            observations.Remove(gone);
        }

        unreachable.RemoveWhere(k => !seen.Contains(k));
        unmovable.RemoveWhere(k => !seen.Contains(k));
        foreach (var gone in retrying.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            retrying.Remove(gone);
        }

        return pending;
    }

    /// <summary>
    /// A listed entry that is not there by its name is usually one that just vanished. But a name
    /// that is not valid UTF-8 (Latin-1 "café.txt" from an old tool) is listed with U+FFFD in place of
    /// the bad bytes, and that spelling names no file: it can be neither read nor moved, so the
    /// operator is told, once, rather than the file waiting in the inbox unmentioned for ever.
    /// </summary>
    private void ReportUnreachable(string path)
    {
        var name = Path.GetFileName(path);
        if (FileProbe.IsUnspellableName(name) && unreachable.Add(path))
        {
            logger.LogWarning(
                "Inbox entry {FileName} cannot be opened by its name: the name is not valid UTF-8, so the file can be neither read nor moved to failed/; rename it and it is imported",
                InboxFolders.NameShown(path));
        }
    }

    /// <summary><paramref name="level"/> the first time a file stays for <paramref name="reason"/>; debug while it stays for the same one.</summary>
    private LogLevel RetryLevel(string path, RetryReason reason, LogLevel level)
    {
        if (retrying.TryGetValue(path, out var last) && last == reason)
        {
            return LogLevel.Debug;
        }

        retrying[path] = reason;
        return level;
    }

    /// <summary>
    /// What the settle check compares, or null when the entry is gone. A regular file (or a link to
    /// one) is compared by size and time; anything else (a FIFO, a device, a dangling link) has
    /// nothing to settle but waits the same settle time before it is moved to failed/.
    /// </summary>
    private static Observation? Observe(string path, DateTimeOffset now)
    {
        if (FileProbe.KindOf(path, followLinks: true) == FileKind.Regular)
        {
            var info = new FileInfo(path);
            info.Refresh();
            return info.Exists ? new Observation(info.Length, info.LastWriteTimeUtc, now) : null;
        }

        return FileProbe.KindOf(path, followLinks: false) == FileKind.Missing ? null : new Observation(-1, default, now);
    }

    private async Task<InboxFileOutcome> ProcessAsync(string path, CancellationToken cancellationToken)
    {
        // The name as logs, error files and the importer show it (a name can hold an ESC).
        var name = InboxFolders.NameShown(path);
        var read = await ReviewFileReader.ReadAsync(path, options.Value.InboxMaxFileBytes, ReviewFileLinks.OwnOrRoot, cancellationToken);
        switch (read.Problem)
        {
            case ReviewFileProblem.None:
                break;
            case ReviewFileProblem.Missing:
                // Taken away by someone else between the listing and the read: nothing to import or move.
                logger.LogInformation("Inbox file {FileName} vanished before it was read", name);
                return InboxFileOutcome.Done;
            case ReviewFileProblem.Unreadable:
                // Locked or not readable yet: it stays, and is tried again at every scan.
                logger.Log(
                    RetryLevel(path, RetryReason.Unreadable, LogLevel.Warning),
                    "Could not read inbox file {FileName}; it stays in the inbox and is retried at every scan: {Reason}", name, read.Error);
                return InboxFileOutcome.Retry;
            case ReviewFileProblem.NotUtf8:
                // The reader says what the bytes are (UTF-16, or a bad byte where), as the import verb
                // says it; the inbox adds only what to do with the file after.
                return Filing.Failed(
                    path, read, read.Line is { } line ? $"{name}:{line}: {read.Error} and drop it in again." : $"{name}: {read.Error} and drop it in again.");
            default:
                return Filing.Failed(path, read, $"{name}: {read.Error}.");
        }

        var text = read.Text!.TrimStart('\uFEFF');
        ImportResult result;
        try
        {
            result = await importer.ImportAsync(new ReviewDocument(SourceKeyFor(text), name, text, ReviewOrigin.Inbox), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not the file's fault (the database, most likely): leave it in the inbox for a retry.
            logger.Log(
                RetryLevel(path, RetryReason.ImportFailed, LogLevel.Error), ex,
                "Importing inbox file {FileName} failed; it stays in the inbox and is retried at every scan", name);
            return InboxFileOutcome.Retry;
        }

        if (!result.Succeeded)
        {
            return Filing.Failed(path, read, result.ToString());
        }

        return Filing.Imported(path, read, result);
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

    private void Wake() => wakeUps.Writer.TryWrite(true);

    private async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The floor comes first and a wake-up cannot cut it short: a wake-up meanwhile stays in the
        // channel and ends the rest of the wait at once, so a change is still seen within the floor.
        await Task.Delay(MinimumScanGap, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var rest = timeout - MinimumScanGap;
        if (rest > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
        {
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(rest, timeProvider, delayCancel.Token);
            var wake = wakeUps.Reader.WaitToReadAsync(delayCancel.Token).AsTask();
            await Task.WhenAny(delay, wake);
            await delayCancel.CancelAsync();
        }

        while (wakeUps.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Which folder a path leads to (device and inode), whatever it holds; null when that cannot be asked.</summary>
    private readonly record struct FolderKey(uint DeviceMajor, uint DeviceMinor, ulong Inode)
    {
        public static FolderKey? Of(string path) =>
            FileProbe.IdentityOf(path) is { } id ? new FolderKey(id.DeviceMajor, id.DeviceMinor, id.Inode) : null;
    }

    private sealed record Observation(long Length, DateTime LastWriteUtc, DateTimeOffset SeenAt)
    {
        public bool SameFile(Observation other) => Length == other.Length && LastWriteUtc == other.LastWriteUtc;
    }

    private enum RetryReason
    {
        Unreadable,
        ImportFailed,
        ProcessFailed,
    }
}
