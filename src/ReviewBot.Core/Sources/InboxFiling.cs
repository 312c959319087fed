using System.Text;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Files an inbox file once it is handled: to processed/ when imported, to failed/ with the reason
/// beside it when refused, unless the name was given to another file meanwhile or the file cannot be
/// moved at all. It logs as the inbox watcher does, under the watcher's logger.
/// </summary>
internal sealed class InboxFiling(InboxFolders folders, ILogger logger)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Files <paramref name="path"/>, imported as <paramref name="result"/> says, in processed/.</summary>
    public InboxFileOutcome Imported(string path, ReviewFileRead read, ImportResult result)
    {
        var name = InboxFolders.NameShown(path);
        if (ChangedSinceRead(path, read))
        {
            return InboxFileOutcome.ChangedMeanwhile;
        }

        if (!TryMove(path, folders.Processed, $"imported ({result.Status}, {result.ShowSlug})", out var moved))
        {
            return InboxFileOutcome.Unmovable;
        }

        if (moved is null)
        {
            // Another process watching this inbox imported the same content and moved the file
            // first: the review is stored either way, and nothing is left to move.
            logger.LogInformation(
                "Imported inbox file {FileName}: {ImportStatus} ({ShowSlug}); it was moved away by someone else (another process watching this inbox?) before it could be moved to processed/",
                name, result.Status, result.ShowSlug);
            return InboxFileOutcome.Done;
        }

        logger.LogInformation("Imported inbox file {FileName}: {ImportStatus} ({ShowSlug}); moved to {MovedTo}", name, result.Status, result.ShowSlug, RefusalText.Visible(moved));
        return InboxFileOutcome.Done;
    }

    /// <summary>
    /// Whether the name now leads to another file than the one read, or to it changed
    /// (<see cref="ReviewFileRead.ChangedSince"/>). Moves go by name, and the name may have been given
    /// to another file while this one was being read and imported: an editor or a copy tool renaming a
    /// new version over it, or, with two processes on one inbox, a new file dropped under the name the
    /// other process has just filed. Moving that file would file a review that was never imported. The
    /// check leaves only the moment between it and the move, instead of the whole import, for a swap to
    /// slip through. A link to a file whose reads differ each time (under /proc) is the same file, and
    /// is filed rather than read again for ever; a file gone now is for the move to find gone.
    /// </summary>
    private bool ChangedSinceRead(string path, ReviewFileRead read)
    {
        if (!read.ChangedSince(path))
        {
            return false;
        }

        logger.LogInformation(
            "Inbox file {FileName} was replaced while it was being read or imported; it stays in the inbox and is read again once it settles",
            InboxFolders.NameShown(path));
        return true;
    }

    public InboxFileOutcome Failed(string path, ReviewFileRead read, string error)
    {
        // The inbox's own refusals (a file not UTF-8, unreadable) name the file as an import's refusal does.
        error = RefusalText.Visible(error);
        if (ChangedSinceRead(path, read))
        {
            return InboxFileOutcome.ChangedMeanwhile;
        }

        if (!TryMove(path, folders.Failed, $"refused ({error})", out var moved))
        {
            return InboxFileOutcome.Unmovable;
        }

        if (moved is null)
        {
            // Taken by another process watching this inbox, which files its own error beside it.
            logger.LogInformation(
                "Inbox file {FileName} failed, and was moved away by someone else (another process watching this inbox?) before it could be moved to failed/: {Error}",
                InboxFolders.NameShown(path), error);
            return InboxFileOutcome.Done;
        }

        try
        {
            File.WriteAllText(InboxFolders.ErrorFileFor(moved), error + Environment.NewLine, Utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is in failed/ already and nothing retries it there (a full disk, most
            // likely): the reason is kept in the log instead.
            logger.LogError(
                ex, "Inbox file {FileName} failed and was moved to {MovedTo}, but the file saying why could not be written beside it: {Error}",
                InboxFolders.NameShown(path), RefusalText.Visible(moved), error);
            return InboxFileOutcome.Done;
        }

        logger.LogWarning("Inbox file {FileName} failed and was moved to {MovedTo}: {Error}", InboxFolders.NameShown(path), RefusalText.Visible(moved), error);
        return InboxFileOutcome.Done;
    }

    /// <summary>
    /// Moves a handled file into <paramref name="folder"/>; false, with the reason logged once, when the
    /// move fails (a file system that refuses it, a folder that leads somewhere no file can be made).
    /// The file is kept where it is, never lost, and is not handled again until it changes: importing
    /// it at every scan would change nothing but the log.
    /// </summary>
    private bool TryMove(string path, string folder, string outcome, out string? moved)
    {
        try
        {
            moved = folders.MoveTo(path, folder);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(
                ex,
                "Inbox file {FileName} was {Outcome} but could not be moved to {Folder}: {Reason}; it stays in the inbox and is left alone until it changes or the bot restarts",
                InboxFolders.NameShown(path), outcome, folder, RefusalText.Visible(ex.Message));
            moved = null;
            return false;
        }
    }
}

internal enum InboxFileOutcome
{
    /// <summary>Moved out of the inbox, or gone.</summary>
    Done,

    /// <summary>Stays for a retry at the next scan.</summary>
    Retry,

    /// <summary>Handled, but it could not be moved out of the inbox; left alone until it changes.</summary>
    Unmovable,

    /// <summary>Another file holds the name now; it is observed afresh and settles before it is read.</summary>
    ChangedMeanwhile,
}
