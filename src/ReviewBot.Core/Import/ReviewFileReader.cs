using System.Text;

namespace ReviewBot.Core.Import;

/// <summary>Why a review file could not be read; callers act differently on each.</summary>
public enum ReviewFileProblem
{
    None,

    /// <summary>Gone (or never there): nothing to import and nothing to move.</summary>
    Missing,

    /// <summary>A FIFO, device, socket, folder, or a link to one, or a dangling or looping link.</summary>
    NotARegularFile,

    /// <summary>The file is there but cannot be opened or read (permissions, I/O errors): may pass later.</summary>
    Unreadable,

    TooLarge,
    NotUtf8,
    Empty,
}

/// <param name="Text">The file's text (a leading byte-order mark kept) when <paramref name="Problem"/> is None.</param>
/// <param name="Error">What was wrong and what was expected, without the path (callers prefix it).</param>
/// <param name="Line">The 1-based line of the problem when there is one (bad UTF-8).</param>
/// <param name="Identity">The file that was opened, as it was before it was read; null when none was (or it cannot be told).</param>
public sealed record ReviewFileRead(string? Text, ReviewFileProblem Problem, string? Error = null, int? Line = null, FileIdentity? Identity = null)
{
    /// <summary>
    /// Whether <paramref name="path"/> now leads to another file than the one read, or to it changed
    /// (written since its identity was taken, before the read): what was read may then mix two
    /// versions, or be one that is no longer there. The file's identity is compared, not its text: a
    /// link to a file whose reads differ each time (under /proc) is still the same file. Nothing read
    /// (a FIFO, a dangling link), or a file gone now, is not "changed"; where identities cannot be
    /// had (not Linux), nothing is.
    /// </summary>
    public bool ChangedSince(string path) =>
        Identity is { } before && FileProbe.IdentityOf(path) is { } now && now != before;
}

/// <summary>Whose symbolic links a read follows.</summary>
public enum ReviewFileLinks
{
    /// <summary>Any link to a regular file: what an operator names on the command line (or a folder of it) is theirs.</summary>
    AnyOwner,

    /// <summary>
    /// Only links owned by this process's user or by root, as the kernel's protected_symlinks treats
    /// a shared folder: whoever may drop files in a watched folder could otherwise link the bot's
    /// settings or its database into it and have them read, quoted in an error file, or imported.
    /// </summary>
    OwnOrRoot,
}

/// <summary>
/// Reads a review file from a folder nobody vetted: only regular files (a link to one is fine),
/// opened so that nothing can block, and at most <c>limit</c> bytes counted while reading, because
/// a device or a file still growing reports a size that says nothing about what a read returns.
/// </summary>
public static class ReviewFileReader
{
    // Strict: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Task<ReviewFileRead> ReadAsync(string path, long limit, CancellationToken cancellationToken) =>
        ReadAsync(path, limit, ReviewFileLinks.AnyOwner, cancellationToken);

    public static async Task<ReviewFileRead> ReadAsync(string path, long limit, ReviewFileLinks links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            // An unset shell variable, most likely: no file was named, so none is "missing".
            return new ReviewFileRead(null, ReviewFileProblem.Missing,
                "the path is empty; expected a review file (.txt or .md) or a folder of them");
        }

        var kind = FileProbe.KindOf(path, followLinks: false);
        switch (kind)
        {
            case FileKind.Missing:
                return new ReviewFileRead(null, ReviewFileProblem.Missing,
                    "no such file or folder; expected a review file (.txt or .md) or a folder of them");
            case FileKind.Unreachable:
                // Not "no such file": the file may be there, behind a folder the bot cannot search.
                // Unreadable, like a file it may not open, so the inbox keeps it for a retry.
                return new ReviewFileRead(null, ReviewFileProblem.Unreadable,
                    $"the file cannot be reached ({FileProbe.UnreachableReason(path, followLinks: false) ?? "it could not be looked at"}); expected a review file the bot may read");
            case FileKind.SymbolicLink:
                if (UntrustedLink(path, links) is { } untrusted)
                {
                    return untrusted;
                }

                var target = FileProbe.KindOf(path, followLinks: true);
                if (target is FileKind.Missing or FileKind.Unreachable)
                {
                    return new ReviewFileRead(null, ReviewFileProblem.NotARegularFile,
                        FileProbe.DescribeUnreachable(path) + "; expected a review file");
                }

                if (target != FileKind.Regular)
                {
                    return NotRegular($"a symbolic link to {FileProbe.Describe(target)}");
                }

                break;
            case FileKind.Regular:
                break;
            default:
                return NotRegular(FileProbe.Describe(kind));
        }

        try
        {
            using var handle = FileProbe.OpenForReading(path);
            var opened = FileProbe.KindOf(handle);
            if (opened != FileKind.Regular)
            {
                // Swapped between the check above and the open.
                return NotRegular(FileProbe.Describe(opened));
            }

            // A regular file swapped for someone else's link between the look above and the open.
            if (UntrustedLink(path, links) is { } swapped)
            {
                return swapped;
            }

            // Taken before reading, so a write while it is read makes it another identity too.
            var identity = FileProbe.IdentityOf(handle);
            var bytes = await ReadLimitedAsync(handle, limit, cancellationToken);
            if (bytes is null)
            {
                var reported = RandomAccess.GetLength(handle);
                var size = reported > limit ? $"{reported:N0} bytes" : $"over {limit:N0} bytes";
                return new ReviewFileRead(null, ReviewFileProblem.TooLarge,
                    $"the file is {size}; the limit is {LimitText(limit)} ({limit:N0} bytes) for a review", Identity: identity);
            }

            return Decode(bytes) with { Identity = identity };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ReviewFileRead(null, ReviewFileProblem.Missing, "the file vanished before it could be read; nothing was imported from it");
        }
        catch (UnauthorizedAccessException ex)
        {
            return new ReviewFileRead(null, ReviewFileProblem.Unreadable, $"the file cannot be read ({ex.Message}); give the bot read permission");
        }
        catch (IOException ex)
        {
            return new ReviewFileRead(null, ReviewFileProblem.Unreadable, $"the file cannot be read ({ex.Message})");
        }
    }

    /// <summary>The refusal of a link that <paramref name="links"/> does not follow (its owner is neither this process's user nor root), else null.</summary>
    private static ReviewFileRead? UntrustedLink(string path, ReviewFileLinks links)
    {
        if (links == ReviewFileLinks.AnyOwner || FileProbe.LinkOwnerOf(path) is not { } owner || owner == 0 || owner == FileProbe.CurrentUser)
        {
            return null;
        }

        return new ReviewFileRead(null, ReviewFileProblem.NotARegularFile,
            $"a symbolic link made by another user (uid {owner}), not followed: links here are followed only when made by the bot's own user or root, so that dropping a link cannot have the bot read a file elsewhere; drop the file itself");
    }

    private static ReviewFileRead NotRegular(string what) => new(null, ReviewFileProblem.NotARegularFile,
        $"{what}, not a regular file; only regular files are read");

    private static string LimitText(long limit) =>
        limit % (1024 * 1024) == 0 ? $"{limit / (1024 * 1024)} MiB" : $"{limit:N0} bytes";

    /// <summary>At most <paramref name="limit"/> bytes; null as soon as one more can be read.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        long offset = 0;
        while (true)
        {
            var read = await RandomAccess.ReadAsync(handle, chunk, offset, cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            offset += read;
            if (offset > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    /// <summary>
    /// The one place that decides how a file's bytes become text, and what is said when they do not:
    /// every reader of review files (the import verb, the seed, the inbox) words its refusal from here.
    /// </summary>
    private static ReviewFileRead Decode(byte[] bytes)
    {
        if (Utf16Evidence(bytes) is { } utf16)
        {
            // Checked first: without a byte-order mark, ASCII text in UTF-16 is valid UTF-8 (a NUL after
            // every letter) and would reach the importer, which refuses it as "not a review".
            return new ReviewFileRead(null, ReviewFileProblem.NotUtf8,
                $"the file looks like UTF-16 ({utf16}), not UTF-8; expected UTF-8 text, save it as UTF-8");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Max(ex.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            return new ReviewFileRead(null, ReviewFileProblem.NotUtf8,
                $"the file is not valid UTF-8 (bad byte at offset {offset}); expected UTF-8 text, save it as UTF-8", line);
        }

        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            return new ReviewFileRead(null, ReviewFileProblem.Empty,
                "the file is empty; expected a review article (.txt) or a Markdown review with front matter (.md)");
        }

        return new ReviewFileRead(text, ReviewFileProblem.None);
    }

    /// <summary>How many leading bytes are looked at for the NUL pattern of UTF-16 without a byte-order mark.</summary>
    private const int Utf16Sample = 4096;

    /// <summary>
    /// Why the bytes look like UTF-16 (Notepad's "Unicode", PowerShell's redirection), or null: a
    /// UTF-16 byte-order mark, or a NUL in every other byte and none in the others, which is what
    /// Latin text (the first line of every review) is in UTF-16 and what no UTF-8 review holds.
    /// </summary>
    private static string? Utf16Evidence(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xFE, ..])
        {
            return "little-endian, with a byte-order mark";
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return "big-endian, with a byte-order mark";
        }

        var sample = bytes[..(Math.Min(bytes.Length, Utf16Sample) & ~1)];
        if (sample.IsEmpty)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return (evenZeros, oddZeros) switch
        {
            (0, var odd) when odd * 2 >= pairs => "little-endian: every other byte is 0",
            (var even, 0) when even * 2 >= pairs => "big-endian: every other byte is 0",
            _ => null,
        };
    }
}
