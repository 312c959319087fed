using FakeDiscord;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// The real bot as a child process (<c>dotnet ReviewBot.dll run</c>, the build output that the project
/// reference copies next to the test assembly) against a FakeDiscord in the test process, started by
/// <see cref="ChildProcess"/>. <see cref="KillAsync"/> is a process-level kill; <see cref="TerminateAsync"/> asks it to stop.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private BotProcess(ChildProcess process)
    {
        _process = process;
    }

    /// <summary>What the bot wrote to stdout and stderr so far (its logs go to stderr).</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the first output line containing <paramref name="text"/> (already written or still to come).</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) => _process.WaitForLineAsync(text, timeout);

    /// <summary>SIGTERM, as a service manager or an orchestrator stops a process; returns its exit code once it is gone.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => _process.TerminateAsync(timeout);

    /// <param name="launcher">A program and its arguments that start the bot (whose command line follows them) as
    /// its child, as a service manager does.</param>
    public static BotProcess Start(
        FakeDiscordServer discord, string connectionString, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyList<string>? launcher = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production", // no user secrets, whatever the developer's shell says
            ["Discord__Token"] = discord.Options.Token,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.AbsoluteUri,
            ["Discord__GatewayUrl"] = discord.GatewayUrl.AbsoluteUri,
            ["Discord__ShardCount"] = "1",
            ["ConnectionStrings__Reviews"] = connectionString,
            ["Reviews__ImportSamplesWhenEmpty"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var assembly = Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll");
        return new BotProcess(ChildProcess.Start(assembly, ["run"], environment, workingDirectory: AppContext.BaseDirectory, launcher: launcher));
    }

    /// <summary>Waits until <paramref name="done"/>, failing with the bot's output if it exits first or takes longer than <paramref name="guard"/>.</summary>
    public Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan guard, string failure) =>
        Eventually.WaitUntilAsync(done, guard, () => $"{failure} (exited: {HasExited}). Its output:\n{Output}", () => HasExited);

    /// <summary>The exit code once the process ends by itself within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        Assert.True(await _process.WaitForExitAsync(timeout), $"The bot did not exit within {timeout}. Its output:\n{Output}");
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the bot and anything it started; returns once the process is gone.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
