using ReviewBot.Cli;
using ReviewBot.Core.Import;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// Arguments a verb does not take, and a chart's file: a mistyped option stops the verb before it
/// does anything (exit 2), and --chart never replaces a file unless told to, never touches a file it
/// did not name, and says what was wrong in one line.
/// </summary>
public sealed class VerbArgumentTests
{
    private const string Review = "/review metallic-rouge";

    private static async Task<bool> IsPngAsync(string path) =>
        (await File.ReadAllBytesAsync(path)) is [0x89, 0x50, 0x4E, 0x47, ..];

    [Fact]
    public async Task Chart_OntoAnExistingFile_IsRefused_AndTheFileKept()
    {
        using var run = new ProgramRun();
        var path = Path.Combine(run.Folder, "notes.png");
        await File.WriteAllTextAsync(path, "keep me");

        var (exitCode, output, error) = await run.RunAsync("ask", Review, "--chart", path);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{path} already exists", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Chart_WithForce_ReplacesTheFile()
    {
        using var run = new ProgramRun();
        var path = Path.Combine(run.Folder, "chart.png");
        await File.WriteAllTextAsync(path, "an older chart");

        var (exitCode, output, error) = await run.RunAsync("ask", Review, "--chart", path, "--force");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Chart written to", output, StringComparison.Ordinal);
        Assert.True(await IsPngAsync(path));
    }

    [Fact]
    public async Task Chart_LeavesEveryOtherFileInItsFolderAlone()
    {
        using var run = new ProgramRun();
        var path = Path.Combine(run.Folder, "chart.png");
        await File.WriteAllTextAsync(path + ".tmp", "someone's file");

        var (exitCode, _, error) = await run.RunAsync("ask", Review, "--chart", path);

        Assert.True(exitCode == 0, error);
        Assert.True(await IsPngAsync(path));
        Assert.Equal("someone's file", await File.ReadAllTextAsync(path + ".tmp"));
        Assert.Equal(["chart.png", "chart.png.tmp", "data"], Directory.EnumerateFileSystemEntries(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("missing/chart.png", "does not exist")]
    [InlineData("", "is a folder")]
    public async Task Chart_ThatCannotBeWritten_OneLineNamingThePath_BeforeAnythingIsDone(string relative, string why)
    {
        using var run = new ProgramRun();
        var path = Path.Combine(run.Folder, relative);

        var (exitCode, _, error) = await run.RunAsync("ask", Review, "--chart", path);

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith($"ask: no chart written: {Path.GetFullPath(path)}", error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(run.Folder));
    }

    /// <summary>
    /// --force replaces a file, and only a file: a FIFO, a socket or a device node (--chart /dev/null, as
    /// root) named by mistake would be renamed over, the special file gone for every program that uses it.
    /// </summary>
    [Fact]
    public async Task Chart_WithForce_OntoAnythingButAFile_IsRefused_AndItIsKept()
    {
        using var run = new ProgramRun();
        var fifo = Path.Combine(run.Folder, "chart.png");
        SpecialFiles.MakeFifo(fifo);

        var (exitCode, output, error) = await run.RunAsync("ask", Review, "--chart", fifo, "--force");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"ask: no chart written: {fifo} is a FIFO (named pipe), not a file; --force replaces only a file, so name another.", error.Trim());
        Assert.Equal(FileKind.Fifo, FileProbe.KindOf(fifo, followLinks: false));
        Assert.Equal([fifo], Directory.EnumerateFiles(run.Folder));
    }

    [Fact]
    public async Task Chart_GivenTwice_IsAUsageError_NothingWritten()
    {
        using var run = new ProgramRun();
        var first = Path.Combine(run.Folder, "a.png");
        var second = Path.Combine(run.Folder, "b.png");

        var (exitCode, output, error) = await run.RunAsync("ask", Review, "--chart", first, "--chart", second);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("--chart is given twice", error, StringComparison.Ordinal);
        Assert.False(File.Exists(first));
        Assert.False(File.Exists(second));
    }

    [Fact]
    public async Task Chart_WrittenWithAnEqualsSign_IsTheSameOption()
    {
        // "--name=value" is also how settings are given on the command line; a verb's own option must
        // not disappear into the settings, leaving an answer without the chart asked for.
        using var run = new ProgramRun();
        var path = Path.Combine(run.Folder, "chart.png");

        var (exitCode, output, error) = await run.RunAsync("ask", Review, "--chart=" + path);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Chart written to", output, StringComparison.Ordinal);
        Assert.True(await IsPngAsync(path));
    }

    [Theory]
    [InlineData("ask", Review, "--chrat", "chart.png")]
    [InlineData("ask", "/latest", "--verbose")]
    [InlineData("import", "--no-anounce", "SAMPLES")]
    [InlineData("migrate", "--forse")]
    [InlineData("migrate", "now")]
    [InlineData("run", "--Discord:Token=test-token", "--verbose")]
    [InlineData("ask", Review, "--chrat=chart.png")]
    [InlineData("import", "--no-anounce=yes", "SAMPLES")]
    [InlineData("migrate", "--forse=yes")]
    [InlineData("run", "--Discord:Token=test-token", "--Dutis=delivery")]
    public async Task AnArgumentTheVerbDoesNotTake_IsAUsageError_BeforeAnythingIsDone(params string[] args)
    {
        using var run = new ProgramRun();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");

        var (exitCode, output, error) = await run.RunAsync(
            [.. args.Select(a => a == "SAMPLES" ? samples : a), "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{args[0]}: ", error, StringComparison.Ordinal);
        Assert.Contains(args.Skip(1).Last(a => !a.StartsWith("--Discord", StringComparison.Ordinal) && a != "SAMPLES" && a != "chart.png"), error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// A flag takes no value, so one written with a value is refused whole: split into the flag and a
    /// word, <c>--no-announce=false</c> would store the batch unannounced (and read "false" as a path),
    /// and <c>--force=no</c> would replace the chart's file (and ask about "metallic-rouge no").
    /// </summary>
    [Theory]
    [InlineData("import", "--no-announce=false", "SAMPLES")]
    [InlineData("import", "--no-announce=", "SAMPLES")]
    [InlineData("ask", Review, "--chart", "chart.png", "--force=no")]
    [InlineData("migrate", "--to=Host=127.0.0.1;Database=reviews", "--force=no")]
    public async Task AFlagGivenAValue_IsAUsageError_NamingIt_BeforeAnythingIsDone(params string[] args)
    {
        using var run = new ProgramRun();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var chart = Path.Combine(run.Folder, "chart.png");
        File.WriteAllText(chart, "kept");

        var (exitCode, output, error) = await run.RunAsync(
            [.. args.Select(a => a == "SAMPLES" ? samples : a == "chart.png" ? chart : a)]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith($"{args[0]}: ", error, StringComparison.Ordinal);
        Assert.Contains($"\"{args.First(a => a.StartsWith("--no-announce", StringComparison.Ordinal) || a.StartsWith("--force", StringComparison.Ordinal))}\"", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(run.DatabasePath));
        Assert.Equal("kept", File.ReadAllText(chart));
    }

    /// <summary>
    /// A setting written with a space where the "=" goes, after the verb: the same hint as before the
    /// verb (what it is and how to write it), for every verb, not "unknown option" with the value left
    /// to be read as a path or words of a question.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest", "--ConnectionStrings:Reviews", "x.db")]
    [InlineData("import", "SAMPLES", "--Reviews:InboxDirectory", "/srv/inbox")]
    [InlineData("migrate", "--Duties", "delivery")]
    [InlineData("feeds", "check", "--Feeds:Timeout", "00:00:05")]
    [InlineData("run", "--Discord:Token=test-token", "--Discord:ApiBaseUrl", "http://127.0.0.1:9/api/v10")]
    public async Task ASettingWithoutItsValue_AfterTheVerb_SaysHowToWriteIt_BeforeAnythingIsDone(params string[] args)
    {
        using var run = new ProgramRun();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var setting = args.Single(CliArguments.IsSettingWithoutValue);

        var (exitCode, output, error) = await run.RunAsync([.. args.Select(a => a == "SAMPLES" ? samples : a)]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            $"{args[0]}: \"{setting}\" is a setting without a value; write it {setting}=VALUE, after the verb or before it.",
            error.Trim());
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>With no verb, a misspelt setting is not dropped either: the bot does not start without it.</summary>
    [Fact]
    public async Task ASettingShapedWordThatIsNoSetting_WithNoVerb_IsAUsageError_NamingIt()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("--Dutis=delivery", "--Discord:Token=test-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("run: ", error, StringComparison.Ordinal);
        Assert.Contains("--Dutis=delivery", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>The settings with no section still reach the configuration.</summary>
    [Theory]
    [InlineData("--Duties=delivery", "Duties", "delivery")]
    [InlineData("--environment=Staging", "environment", "Staging")]
    [InlineData("--Discord:Token=abc", "Discord:Token", "abc")]
    public void TopLevelAndSectionSettings_AreSettings(string argument, string key, string value)
    {
        var parsed = CliArguments.Parse(["ask", "/latest", argument]);

        Assert.Equal("ask", parsed.Verb);
        Assert.Equal(["/latest"], parsed.VerbArgs);
        Assert.Equal([$"--{key}={value}"], parsed.ConfigurationArgs);
    }
}
