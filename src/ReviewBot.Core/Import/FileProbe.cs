using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ReviewBot.Core.Import;

/// <summary>What a directory entry is, read without opening it.</summary>
public enum FileKind
{
    Missing,

    /// <summary>
    /// Whether anything is there cannot be told: the kernel refused to follow the path (a folder on it
    /// that cannot be searched, a link loop on the way, an I/O error). Not "missing": the file may well
    /// be there, and saying it is not would send an operator looking for a typo.
    /// </summary>
    Unreachable,

    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// Which file a name or a handle stands for, and as of when: its device and inode, size and
/// modification time. Two equal identities are the same file, unchanged in between, as far as the
/// kernel says; a file renamed over the name has another inode, one rewritten in place another time.
/// </summary>
public readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode, ulong Size, long ModifiedSeconds, uint ModifiedNanoseconds);

/// <summary>
/// The file type of a path or an open handle, and an open that cannot block. .NET reports a FIFO or
/// a device as an ordinary file of length 0, and opening a FIFO for reading waits for a writer, so
/// on Linux this asks the kernel itself (statx(2), open(2) with O_NONBLOCK). Elsewhere it falls back
/// to what .NET can tell (links and folders; other special files look like regular ones there).
/// </summary>
public static partial class FileProbe
{
    // statx(2): AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, STATX_TYPE; S_IFMT and its types (inode(7)).
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxUid = 0x8;
    private const uint StatxIdentity = StatxType | 0x40 | 0x100 | 0x200; // STATX_MTIME, STATX_INO, STATX_SIZE
    private const int TypeMask = 0xF000;

    // open(2) flags as the generic Linux ABI defines them (x86, x86-64, ARM, ARM64); other
    // architectures use the managed open below.
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;

    // errno values (errno(3)) shared by those architectures.
    private const int NoSuchEntry = 2;
    private const int AccessDenied = 13;
    private const int NotADirectory = 20;
    private const int TooManyLinks = 40;

    private static bool Native => OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.X86 or Architecture.Arm;

    /// <summary>The entry's kind; with <paramref name="followLinks"/> a link's target's (Missing when it dangles).</summary>
    public static FileKind KindOf(string path, bool followLinks)
    {
        if (Native)
        {
            var result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, out var buffer);
            return result == 0 ? KindOf(buffer.Mode)
                : Marshal.GetLastPInvokeError() is NoSuchEntry or NotADirectory ? FileKind.Missing
                : FileKind.Unreachable;
        }

        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists && Directory.Exists(path))
        {
            info = new DirectoryInfo(path);
        }

        if (!info.Exists && info.LinkTarget is null)
        {
            return FileKind.Missing;
        }

        if (info.LinkTarget is not null)
        {
            if (!followLinks)
            {
                return FileKind.SymbolicLink;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || !target.Exists ? FileKind.Missing
                : target is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
        }

        return info is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
    }

    /// <summary>
    /// Whether a listed entry missing by its name is one whose name is not valid UTF-8 (Latin-1
    /// "café.txt" from an old tool): .NET lists it with U+FFFD in place of the bad bytes, and that
    /// spelling names no file, so it can be neither opened nor moved; it is there all the same.
    /// </summary>
    public static bool IsUnspellableName(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>
    /// The kernel's reason a path of kind <see cref="FileKind.Unreachable"/> cannot be followed
    /// ("Permission denied"), read again now; null when it can be followed after all.
    /// </summary>
    public static string? UnreachableReason(string path, bool followLinks) =>
        Native && Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, out _) != 0
            ? Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())
            : null;

    /// <summary>Why a link's target cannot be reached: a loop, or simply missing.</summary>
    public static string DescribeUnreachable(string path)
    {
        if (Native && Statx(AtFdCwd, path, 0, StatxType, out _) != 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                TooManyLinks => "a symbolic link loop (the link leads back to itself)",
                AccessDenied => "a symbolic link whose target cannot be reached (permission denied)",
                _ => "a symbolic link whose target does not exist (a dangling link)",
            };
        }

        return "a symbolic link whose target does not exist (a dangling link)";
    }

    /// <summary>
    /// Opens a file for reading without ever blocking: a FIFO swapped in after the type was checked
    /// opens at once instead of waiting for a writer, and the caller checks <see cref="KindOf(SafeFileHandle)"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to read it.</exception>
    /// <exception cref="IOException">Any other reason, with the system's message.</exception>
    public static SafeFileHandle OpenForReading(string path)
    {
        if (!Native)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }

        var descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor >= 0)
        {
            return new SafeFileHandle(descriptor, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            NoSuchEntry or NotADirectory => new FileNotFoundException(message, path),
            AccessDenied => new UnauthorizedAccessException(message),
            _ => new IOException(message, errno),
        };
    }

    /// <summary>The kind of what <paramref name="handle"/> has open (after a non-blocking open).</summary>
    public static FileKind KindOf(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!Native)
        {
            return FileKind.Regular;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var result = StatxHandle((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxType, out var buffer);
            return result == 0 ? KindOf(buffer.Mode) : FileKind.Other;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// The identity of the file <paramref name="path"/> leads to (links followed, as a read follows
    /// them); null when there is none, or where the kernel cannot be asked (not Linux).
    /// </summary>
    public static FileIdentity? IdentityOf(string path) =>
        Native && Statx(AtFdCwd, path, 0, StatxIdentity, out var buffer) == 0 ? IdentityOf(buffer) : null;

    /// <summary>The identity of the file <paramref name="handle"/> has open; null where it cannot be asked.</summary>
    public static FileIdentity? IdentityOf(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!Native)
        {
            return null;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return StatxHandle((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxIdentity, out var buffer) == 0 ? IdentityOf(buffer) : null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileIdentity IdentityOf(in StatxBuffer buffer) =>
        new(buffer.DeviceMajor, buffer.DeviceMinor, buffer.Inode, buffer.Size, buffer.ModifiedSeconds, buffer.ModifiedNanoseconds);

    /// <summary>
    /// The user id owning the entry when it is a symbolic link (the link's own owner, not its target's);
    /// null when it is no link, cannot be looked at, or where the kernel cannot be asked (not Linux).
    /// One look at the entry for both.
    /// </summary>
    public static uint? LinkOwnerOf(string path) =>
        Native && Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxUid, out var buffer) == 0 && KindOf(buffer.Mode) == FileKind.SymbolicLink
            ? buffer.Owner
            : null;

    /// <summary>The user id this process acts as (its effective uid); null where it cannot be asked (not Linux).</summary>
    public static uint? CurrentUser => Native ? GetEffectiveUserId() : null;

    /// <summary>How an error message names a kind: "a FIFO (named pipe)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        FileKind.Unreachable => "unreachable",
        _ => "a special file",
    };

    private static FileKind KindOf(ushort mode) => (mode & TypeMask) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatxHandle(int descriptor, string emptyPath, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    /// <summary>struct statx (statx(2)): the same layout on every Linux architecture; what is read is placed by offset.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint Owner;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(40)]
        public ulong Size;

        // stx_mtime: a struct statx_timestamp { __s64 tv_sec; __u32 tv_nsec; __s32 reserved; }.
        [FieldOffset(112)]
        public long ModifiedSeconds;

        [FieldOffset(120)]
        public uint ModifiedNanoseconds;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }
}
