using System.Diagnostics;

namespace ReviewBot.TestSupport;

/// <summary>Entries a hostile folder can hold that File.* cannot make: FIFOs (through mkfifo(1)).</summary>
public static class SpecialFiles
{
    public static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed: {error}");
        }
    }

    /// <summary>
    /// Opens the writing end of a FIFO and closes it again, which releases a reader blocked in open(2);
    /// a test that found the code under test stuck calls this so the test run can end.
    /// </summary>
    public static void ReleaseBlockedReader(string fifo)
    {
        try
        {
            using var handle = File.OpenHandle(fifo, FileMode.Open, FileAccess.Write);
        }
        catch (IOException)
        {
            // Nobody was waiting after all.
        }
    }
    /// <summary>
    /// Renames <paramref name="path"/> into <paramref name="directory"/> under a name that is not valid
    /// UTF-8 (Latin-1 "café.txt"), which Linux allows and .NET cannot spell; through sh(1)'s printf.
    /// </summary>
    public static string MoveToLatin1Name(string path, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", "mv \"$1\" \"$2/$(printf 'caf\\351.txt')\"", "sh", path, directory])
        {
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"renaming {path} to a Latin-1 name failed: {error}");
        }

        return Path.Combine(directory, "caf\uFFFD.txt");
    }
    /// <summary>Removes what <see cref="MoveToLatin1Name"/> made, which .NET cannot name to delete.</summary>
    public static void RemoveLatin1Name(string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", "rm -f \"$1/$(printf 'caf\\351.txt')\"", "sh", directory]))!;
        process.WaitForExit();
    }
}
