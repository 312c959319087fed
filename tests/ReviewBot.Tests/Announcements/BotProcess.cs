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

    /// <param name="launcher">A program and its arguments that start the bot (whose command line follows them) as
    /// its child, as a service manager does.</param>
    public static BotProcess Start(
        FakeDiscordServer discord, string connectionString, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? launcher = null)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: the test project references src/ReviewBot so its build output lands there");
        // The dotnet CLI sets DOTNET_HOST_PATH for the processes it starts (dotnet test included).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(launcher is null ? host : launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (launcher is not null)
        {
            foreach (var argument in launcher.Skip(1).Append(host))
            {
                start.ArgumentList.Add(argument);
            }
        }

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

    /// <summary>The exit code once the process ends by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
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
        }
    }
}
