using System.Diagnostics;

namespace ReviewBot.TestSupport;

/// <summary>
/// A .NET program run as a child of the test or benchmark process (<c>dotnet program.dll args</c>):
/// settings go in as environment variables, as an operator would set them, so no secret is on the
/// command line; stdout and stderr are read line by line, the last <c>keepLines</c> kept for error
/// messages. <see cref="KillAsync"/> is a process-level kill of the child and anything it started:
/// no cancellation token, no finally blocks, no flush. Compiled into the tests and the benchmarks
/// (linked source, not a project), which start the bot this one way.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _linesLock = new();
    private readonly int _keepLines;
    private readonly Func<string, bool>? _takeOutputLine;
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _lineWaiters = [];

    private ChildProcess(Process process, int keepLines, Func<string, bool>? takeOutputLine)
    {
        _process = process;
        _keepLines = keepLines;
        _takeOutputLine = takeOutputLine;
    }

    /// <summary>The kept lines of stdout and stderr, oldest first (logs go to stderr).</summary>
    public string Output
    {
        get { lock (_linesLock) { return string.Join('\n', _lines); } }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public DateTime StartTime => _process.StartTime;

    /// <summary>CPU time (user + system) the child has used so far, read from outside.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts <paramref name="assembly"/> with the dotnet host. <paramref name="takeOutputLine"/>, when
    /// given, sees each stdout line first; the lines it takes (returns true for) are not kept as output.
    /// </summary>
    public static ChildProcess Start(
        string assembly,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        int keepLines = int.MaxValue,
        Func<string, bool>? takeOutputLine = null,
        bool redirectInput = false,
        string? workingDirectory = null,
        IReadOnlyList<string>? launcher = null)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is missing: the project must reference the program so its build output lands beside it.", assembly);
        }

        // A launcher (a program and its arguments) starts the dotnet host as its own child, as a
        // service manager does; without one the test starts the host itself.
        var start = new ProcessStartInfo(launcher is null ? DotnetHost() : launcher[0])
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in launcher is null ? [] : launcher.Skip(1).Append(DotnetHost()))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(assembly);
        return Launch(start, arguments, environment, keepLines, takeOutputLine);
    }

    /// <summary>
    /// Starts a native executable (the Native AOT publish of the bot) directly, without the dotnet host;
    /// otherwise as <see cref="Start"/>.
    /// </summary>
    public static ChildProcess StartExecutable(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string? workingDirectory = null,
        int keepLines = int.MaxValue)
    {
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"{executable} is missing.", executable);
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        return Launch(start, arguments, environment, keepLines, takeOutputLine: null);
    }

    private static ChildProcess Launch(
        ProcessStartInfo start, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, int keepLines, Func<string, bool>? takeOutputLine)
    {
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, keepLines, takeOutputLine);
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes one line to the child's stdin (started with <c>redirectInput</c>).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>True once the child has exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Completes with the first kept output line containing <paramref name="text"/>, already written or
    /// still to come; fails after <paramref name="timeout"/>.
    /// </summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_linesLock)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                found.SetResult(line);
            }
            else
            {
                _lineWaiters.Add((text, found));
            }
        }

        return found.Task.WaitAsync(timeout);
    }

    /// <summary>
    /// SIGTERM, as a service manager or an orchestrator stops a process (the child may finish what it is
    /// doing); returns its exit code once it is gone, or fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        // .NET has no API to send a signal to another process; kill(1) is POSIX and takes it by id.
        var signal = new ProcessStartInfo("kill") { UseShellExecute = false };
        signal.ArgumentList.Add("-TERM");
        signal.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (var kill = Process.Start(signal)!)
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the child and anything it started; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // only our own child, by its handle
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>
    /// The dotnet host: the one the dotnet CLI names in DOTNET_HOST_PATH for the processes it starts
    /// (dotnet test included), else this process's own when it runs under dotnet, else from PATH.
    /// </summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path))
        {
            return path;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private void OnOutput(string? line)
    {
        if (line is not null && _takeOutputLine?.Invoke(line) == true)
        {
            return;
        }

        Keep(line);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_linesLock)
        {
            _lines.Enqueue(line);
            for (var i = _lineWaiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_lineWaiters[i].Text, StringComparison.Ordinal))
                {
                    _lineWaiters[i].Found.TrySetResult(line);
                    _lineWaiters.RemoveAt(i);
                }
            }

            while (_lines.Count > _keepLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
