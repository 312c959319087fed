using System.Diagnostics;
using System.Globalization;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// Puts the bot on the last CPU and this process (the driver and FakeDiscord) on the others, so the
/// bot's own latency is not the driver's: on shared CPUs, writing a callback to FakeDiscord wakes
/// FakeDiscord, which then takes the CPU from the bot in the middle of its measured write (the README's
/// Performance section says what that did to the figures). Discord is never on the bot's CPU in production.
/// Uses taskset (util-linux) on every thread of both processes; new threads inherit it.
/// </summary>
public sealed class CpuSplit : IDisposable
{
    private readonly string _allCpus;

    private CpuSplit(string allCpus, string description)
    {
        _allCpus = allCpus;
        Description = description;
    }

    public string Description { get; }

    /// <summary>The split, or null (and why) when there is one CPU or no taskset.</summary>
    /// <summary>Every bot process on the last CPU (they share it), the driver and FakeDiscord on the others.</summary>
    public static (CpuSplit? Split, string Why) TryApply(IReadOnlyList<int> botProcessIds)
    {
        var count = Environment.ProcessorCount;
        if (count < 2)
        {
            return (null, "not split: one CPU");
        }

        var last = count - 1;
        var driver = last == 1 ? "0" : $"0-{last - 1}";
        var why = "";
        if (!botProcessIds.All(id => TrySet(id, last.ToString(CultureInfo.InvariantCulture), out why)) || !TrySet(Environment.ProcessId, driver, out why))
        {
            return (null, $"not split: {why}");
        }

        var bots = botProcessIds.Count == 1 ? "bot" : $"{botProcessIds.Count} bot processes";
        return (new CpuSplit($"0-{last}", $"{bots} on CPU {last}, driver and FakeDiscord on CPU {driver}"), "");
    }

    public void Dispose() => TrySet(Environment.ProcessId, _allCpus, out _);

    private static bool TrySet(int processId, string cpus, out string why)
    {
        try
        {
            var start = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-a", "-p", "-c", cpus, processId.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            why = process.ExitCode == 0 ? "" : $"taskset exited {process.ExitCode}: {error.Trim()}";
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            why = $"no taskset ({exception.Message})";
            return false;
        }
    }
}
