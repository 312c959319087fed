using System.Diagnostics;
using System.Text;
using FakeDiscord;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// The real bot as a child process (<c>dotnet ReviewBot.dll run</c>, the build output that the project
/// reference copies next to the test assembly) against a FakeDiscord in the test process. Settings go
/// in as environment variables, as an operator would set them, so the token is not on the command line.
/// <see cref="KillAsync"/> is a process-level kill: no cancellation token, no finally blocks, no flush.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _waiters = [];

    private BotProcess(Process process)
    {
        _process = process;
    }

    /// <summary>What the bot wrote to stdout and stderr so far (its logs go to stderr).</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes with the first output line containing <paramref name="text"/> (already written or still to come).</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var line = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                found.SetResult(line.TrimEnd('\r'));
            }
            else
            {
                _waiters.Add((text, found));
            }
        }

        return found.Task.WaitAsync(timeout);
    }

    /// <summary>SIGTERM, as a service manager or an orchestrator stops a process; returns its exit code once it is gone.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public static BotProcess Start(FakeDiscordServer discord, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: the test project references src/ReviewBot so its build output lands there");
        // The dotnet CLI sets DOTNET_HOST_PATH for the processes it starts (dotnet test included).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("run");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production"; // no user secrets, whatever the developer's shell says
        start.Environment["Discord__Token"] = discord.Options.Token;
        start.Environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.AbsoluteUri;
        start.Environment["Discord__GatewayUrl"] = discord.GatewayUrl.AbsoluteUri;
        start.Environment["Discord__ShardCount"] = "1";
        start.Environment["ConnectionStrings__Reviews"] = connectionString;
        start.Environment["Reviews__ImportSamplesWhenEmpty"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>SIGKILL to the bot and anything it started; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_waiters[i].Text, StringComparison.Ordinal))
                {
                    _waiters[i].Found.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
