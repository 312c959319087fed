using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// A verb started with its standard output closed (<c>&gt;&amp;-</c>, a launcher that closes it) can
/// print nothing: it says so on stderr, before it does anything, instead of working and then failing
/// with the system's words for the first write to a closed descriptor ("Access to the path is denied.").
/// </summary>
public sealed class ClosedOutputTests
{
    // A guard against a hung run, not a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    /// <summary>The shell closes descriptor 1 and becomes the program, as <c>dotnet ReviewBot.dll ask /latest &gt;&amp;-</c> does.</summary>
    private static readonly string[] ClosingStdout = ["/bin/sh", "-c", "exec \"$@\" >&-", "sh"];

    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("import", "SAMPLES")]
    public async Task AVerbWithItsStandardOutputClosed_SaysSo_AndDoesNothing(params string[] args)
    {
        using var run = new ProgramRun();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Reviews"] = $"Data Source={run.DatabasePath}" };

        await using var program = ChildProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"),
            args.Select(a => a == "SAMPLES" ? samples : a),
            environment,
            workingDirectory: run.Folder,
            launcher: ClosingStdout);

        Assert.True(await program.WaitForExitAsync(Guard), program.Output);
        Assert.Equal(2, program.ExitCode);
        Assert.Equal(
            $"{args[0]}: the standard output is closed (or open only for reading), so nothing could be printed; give it somewhere to write (>/dev/null to discard it).",
            program.Output.Trim());
        Assert.False(File.Exists(run.DatabasePath));
    }
}
