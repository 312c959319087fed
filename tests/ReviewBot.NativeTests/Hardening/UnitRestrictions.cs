using ReviewBot.TestSupport;

namespace ReviewBot.NativeTests.Hardening;

/// <summary>
/// The launcher in unit-restrictions.c, compiled with the machine's C compiler: it starts a command
/// under the memory and system-call restrictions the service unit (src/ReviewBot/deploy/reviewbot.service)
/// sets, so the executable can be run as systemd would run it without systemd. Built checked: a
/// launcher whose rules did not bite would make every test run through it pass for nothing.
/// </summary>
internal sealed class UnitRestrictions : IDisposable
{
    private readonly string _folder;

    private UnitRestrictions(string folder, string launcher)
    {
        _folder = folder;
        Launcher = launcher;
    }

    /// <summary>The launcher's path: run it with the command and its arguments after it.</summary>
    public string Launcher { get; }

    public static async Task<UnitRestrictions> BuildAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-unit-restrictions", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var launcher = Path.Combine(folder, "unit-restrictions");
        var source = Path.Combine(AppContext.BaseDirectory, "Hardening", "unit-restrictions.c");
        // Whichever C compiler the machine has: the native publish itself needs clang or gcc.
        var compiler = new[] { "cc", "gcc", "clang" }.Select(OnPath).FirstOrDefault(path => path is not null)
            ?? throw new InvalidOperationException("No C compiler (cc, gcc or clang) on PATH to build the launcher; the native publish needs one too.");
        var compiled = await RunAsync(compiler, ["-Wall", "-Wextra", "-Werror", "-O2", "-o", launcher, source]);
        Assert.True(compiled.ExitCode == 0, $"{compiler} could not build the launcher:\n{compiled.Output}");
        var selfTest = await RunAsync(launcher, ["--self-test"]);
        Assert.True(selfTest.ExitCode == 0, $"the launcher's restrictions did not refuse a writable and executable mapping and an affinity change:\n{selfTest.Output}");
        return new UnitRestrictions(folder, launcher);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }

    /// <summary>The program's full path from PATH, or null.</summary>
    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        await using var process = ChildProcess.StartExecutable(file, arguments, new Dictionary<string, string>());
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"{file} did not finish within 2 minutes:\n{process.Output}");
        return (process.ExitCode, process.Output);
    }
}
