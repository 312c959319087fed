using System.Diagnostics;
using System.Text;

namespace ReviewBot.NativeTests;

/// <summary>
/// The Native AOT executable under test, found or made once per test run: the file named by
/// <c>REVIEWBOT_NATIVE_EXE</c> when it is set (<c>.ci/run</c> publishes it once with the README's command),
/// otherwise published here with the same command into a temp folder. A publish that fails fails every
/// test of the collection with the publish's own error lines; nothing is skipped.
/// </summary>
public sealed class NativeExecutable : IAsyncLifetime
{
    public const string Variable = "REVIEWBOT_NATIVE_EXE";

    /// <summary>Optional: a lock file the publish takes with flock(1), for machines where heavy builds take turns.</summary>
    public const string LockVariable = "REVIEWBOT_PUBLISH_LOCK";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(40);
    private string? _publishFolder;

    /// <summary>The executable's full path; its native libraries and samples/ are beside it.</summary>
    public string Path { get; private set; } = "";

    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Path = System.IO.Path.GetFullPath(given);
            if (!File.Exists(Path))
            {
                throw new FileNotFoundException($"{Variable} names {Path}, which does not exist.", Path);
            }

            return;
        }

        _publishFolder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reviewbot-native", Guid.NewGuid().ToString("n"));
        Path = await PublishAsync(_publishFolder);
    }

    public Task DisposeAsync()
    {
        if (_publishFolder is not null)
        {
            try
            {
                Directory.Delete(_publishFolder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans temp folders.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs a verb to its end in <paramref name="workingDirectory"/> with the settings in
    /// <paramref name="environment"/> (as an operator sets them) and returns what it printed.
    /// </summary>
    public async Task<NativeResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production"; // no user secrets, whatever the shell says
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', arguments)} did not finish within 2 minutes. Its error output:\n{await stderr}");
        }

        return new NativeResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The README's publish command, with the output folder given, run in a copy of the sources: the publish
    /// restores src/ReviewBot for linux-x64, and doing that in the repository itself would rewrite the
    /// restore files that the other test projects of the same `dotnet test` may be building from.
    /// </summary>
    private static async Task<string> PublishAsync(string output)
    {
        var repository = System.IO.Path.Combine(output, "sources");
        CopySources(RepositoryRoot(), repository);
        output = System.IO.Path.Combine(output, "reviewbot");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        string[] publish = [dotnet, "publish", System.IO.Path.Combine("src", "ReviewBot"), "-c", "Release", "-r", "linux-x64", "-o", output];
        var command = Environment.GetEnvironmentVariable(LockVariable) is { Length: > 0 } lockFile ? ["flock", lockFile, .. publish] : publish;

        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', publish.Skip(1))}` did not finish within {PublishTimeout}.");
        }

        log.Append(await stdout).Append(await stderr);
        var executable = System.IO.Path.Combine(output, "ReviewBot");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            // The errors and warnings are what a reader needs; the restore and progress lines are not.
            var lines = log.ToString().Split('\n');
            var problems = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("warning", StringComparison.OrdinalIgnoreCase)).Distinct().Take(80).ToList();
            throw new InvalidOperationException(
                $"`dotnet {string.Join(' ', publish.Skip(1))}` in a copy of the sources ({repository}) failed (exit code {process.ExitCode}):\n"
                + string.Join('\n', problems.Count > 0 ? problems : lines.TakeLast(40)));
        }

        return executable;
    }

    /// <summary>What the publish reads: the files at the root (props, global.json, .editorconfig), src/, migrations/ and samples/.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var folder in new[] { "src", "migrations", "samples" })
        {
            CopyFolder(System.IO.Path.Combine(from, folder), System.IO.Path.Combine(to, folder));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            if (System.IO.Path.GetFileName(folder) is not ("bin" or "obj"))
            {
                CopyFolder(folder, System.IO.Path.Combine(to, System.IO.Path.GetFileName(folder)));
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ReviewBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ReviewBot.sln above {AppContext.BaseDirectory}: set {Variable} to a published executable instead.");
    }
}

/// <summary>What a verb printed and its exit code.</summary>
public sealed record NativeResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Every smoke test shares one executable, and they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativeExecutable>
{
    public const string Name = "Native executable";
}
