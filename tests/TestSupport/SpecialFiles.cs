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
}
