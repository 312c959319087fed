using System.Globalization;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// A process's resident set as Linux reports it in /proc/&lt;pid&gt;/status: VmRSS, and its split into
/// anonymous memory (heaps, JIT code, SQLite's page cache), mapped files (the executable, runtime and
/// assemblies; shared with other processes mapping the same files) and shared memory.
/// </summary>
public sealed record ProcMemory(long RssBytes, long AnonBytes, long FileBytes, long ShmemBytes)
{
    public static ProcMemory Read(int processId)
    {
        var fields = File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);

        long Bytes(string field) =>
            fields.TryGetValue(field, out var text) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var digits, "kB"]
                ? long.Parse(digits, CultureInfo.InvariantCulture) * 1024
                : throw new InvalidOperationException($"/proc/{processId}/status has no {field} in kB.");

        return new ProcMemory(Bytes("VmRSS"), Bytes("RssAnon"), Bytes("RssFile"), Bytes("RssShmem"));
    }

    /// <summary>
    /// Reads the resident set every 250 ms until it has moved less than <paramref name="tolerance"/>
    /// bytes over the last 3 seconds (the process is at rest: collections done, pools idle), or until
    /// <paramref name="timeout"/>; the last reading, and whether it settled.
    /// </summary>
    public static async Task<(ProcMemory Memory, bool Settled, TimeSpan Waited)> SettledAsync(int processId, TimeSpan timeout, long tolerance = 256 * 1024)
    {
        const int window = 12;
        var readings = new Queue<long>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var memory = Read(processId);
            readings.Enqueue(memory.RssBytes);
            if (readings.Count > window)
            {
                readings.Dequeue();
            }

            if (readings.Count == window && readings.Max() - readings.Min() < tolerance)
            {
                return (memory, true, clock.Elapsed);
            }

            if (clock.Elapsed > timeout)
            {
                return (memory, false, clock.Elapsed);
            }

            await Task.Delay(250);
        }
    }
}
