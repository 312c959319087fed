using System.Diagnostics;
using System.Globalization;

namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// A published bot running as its own process (<c>PATH run</c>), configured only through environment
/// variables, and read only from outside: /proc/&lt;pid&gt;/status for memory, utime + stime for CPU.
/// Nothing of the benchmark runs inside it, so the figures are the executable's own, whatever it is
/// built as. Its output is drained and a tail kept for error messages; disposing stops it with
/// SIGTERM (as a service manager does) and kills it only when it does not stop.
/// </summary>
public sealed class ExternalBot : IAsyncDisposable
{
    private const int LinesKept = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailLock = new();

    private ExternalBot(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The kept lines of stdout and stderr, oldest first.</summary>
    public string Output
    {
        get { lock (_tailLock) { return string.Join('\n', _tail); } }
    }

    public string LogTail
    {
        get { lock (_tailLock) { return string.Join(" / ", _tail.TakeLast(3)); } }
    }

    /// <summary>User + system time so far (the runtime reads utime and stime of /proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ExternalBot Start(BotExecutable executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable.Path)!,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the bot reads: the benchmark's own runtime variables (DOTNET_*, set by `dotnet run`)
        // would configure the measured runtime differently from an operator's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("MSBuild", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new ExternalBot(process);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Waits for the process to end on its own; its exit code, or null after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ProcMemory Memory() => ProcMemory.Read(_process.Id);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // kill(1) sends SIGTERM to this one process id: .NET has no API for a signal to another process.
                var signal = new ProcessStartInfo("kill") { UseShellExecute = false };
                signal.ArgumentList.Add("-TERM");
                signal.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
                using (var kill = Process.Start(signal)!)
                {
                    await kill.WaitForExitAsync();
                }

                if (await WaitForExitAsync(TimeSpan.FromSeconds(20)) is null)
                {
                    _process.Kill(entireProcessTree: true);
                    await WaitForExitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailLock)
        {
            _tail.Enqueue(line);
            while (_tail.Count > LinesKept)
            {
                _tail.Dequeue();
            }
        }
    }
}
