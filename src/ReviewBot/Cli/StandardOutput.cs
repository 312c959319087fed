using System.Globalization;

namespace ReviewBot.Cli;

/// <summary>
/// Whether the process's standard output (descriptor 1) can be written. Started with it closed
/// (<c>&gt;&amp;-</c>), the runtime's own first descriptors take its number before Main runs (here the
/// read end of an internal pipe), so it is not missing but open for reading only: every write to it
/// fails, with the system's words for a bad descriptor ("Access to the path is denied.").
/// </summary>
internal static class StandardOutput
{
    private const string FdInfo = "/proc/self/fdinfo";

    // O_ACCMODE and O_RDONLY (open(2)), as /proc/self/fdinfo shows the flags: octal.
    private const int AccessMode = 3;
    private const int ReadOnly = 0;

    /// <summary>
    /// False when descriptor 1 is closed or open only for reading; true when it can be written, or when
    /// that cannot be told (no /proc, not Linux), where the first write says what is wrong.
    /// </summary>
    public static bool IsWritable()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(FdInfo))
        {
            return true;
        }

        string info;
        try
        {
            info = File.ReadAllText(Path.Combine(FdInfo, "1"));
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }

        var flags = info.Split('\n')
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim() == "flags");
        if (flags is null || !TryParseOctal(flags[1].Trim(), out var value))
        {
            return true;
        }

        return (value & AccessMode) != ReadOnly;
    }

    private static bool TryParseOctal(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var digit in text)
        {
            if (digit is < '0' or > '7')
            {
                return false;
            }

            value = checked((value * 8) + (digit - '0'));
        }

        return true;
    }
}
