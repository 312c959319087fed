namespace ReviewBot.Tests.Cli;

public sealed class AskEndToEndTests
{
    [Fact]
    public async Task Ask_ReviewOnFreshDatabase_SeedsSamplesAndPrintsTheReview()
    {
        using var run = new ProgramRun();

        var (exitCode, output, _) = await run.RunAsync("ask", "/review metallic-rouge");

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(run.DatabasePath));
        Assert.Contains("Metallic Rouge — Season 1", output, StringComparison.Ordinal);
        Assert.Contains("A sci-fi anime that loses its way", output, StringComparison.Ordinal);
        Assert.Contains("Verdict: 6/10", output, StringComparison.Ordinal);
        Assert.Contains("Episode guide (average 3.0/5)", output, StringComparison.Ordinal);
        Assert.Contains("3. Marginal City — 3.5/5", output, StringComparison.Ordinal);
        Assert.Contains("Best: 2. Wander In The Labyrinth", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EpisodeAfterReview_UsesTheCliChannelsShow()
    {
        using var run = new ProgramRun();
        await run.RunAsync("ask", "/review metallic-rouge");

        var (exitCode, output, _) = await run.RunAsync("ask", "/episode 9");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Episode 9: The Ones Who Visited — 3/5", output, StringComparison.Ordinal);
        Assert.Contains("episode nine", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/review metalic rouge", "Did you mean Metallic Rouge?")]
    [InlineData("/review show:\"rouge\"", "Did you mean Metallic Rouge?")]
    [InlineData("/episode 14 show:metallic-rouge", "Metallic Rouge Season 1 has episodes 1–13")]
    [InlineData("/episode number:9 show:\"Metallic Rouge\" season:1", "Episode 9: The Ones Who Visited — 3/5")]
    [InlineData("/search \"foo\" OR bar* NEAR(", "No reviews mention")]
    [InlineData("/latest", "Metallic Rouge Season 1")]
    [InlineData("/top", "   1. Metallic Rouge Season 1 – 6/10, community not rated")]
    public async Task Ask_Command_PrintsExpectedAnswer(string command, string expected)
    {
        using var run = new ProgramRun();

        var (exitCode, output, _) = await run.RunAsync("ask", command);

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SearchWithMoreMatchesThanItPrints_SaysSoAndHowToNarrowIt()
    {
        using var run = new ProgramRun();
        var folder = Directory.CreateDirectory(Path.Combine(run.Folder, "many")).FullName;
        for (var i = 0; i < 11; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"zeppelin-{i}.txt"), ReviewBot.Tests.Bot.TestReviews.Plain($"Zeppelin Tale {i + 1}", 1, 2));
        }

        Assert.Equal(0, (await run.RunAsync("import", folder, "--no-announce")).ExitCode);
        var (exitCode, output, _) = await run.RunAsync("ask", "/search zeppelin");

        Assert.Equal(0, exitCode);
        Assert.Equal(10, output.Split('\n').Count(l => l.StartsWith("• ", StringComparison.Ordinal)));
        Assert.EndsWith("More reviews match: add words to the search to narrow it.", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/episode nine")]
    [InlineData("/review")]
    [InlineData("/review show:")]
    [InlineData("/search")]
    [InlineData("")]
    public async Task Ask_BadCommand_ExitCode2WithWhatToType(string command)
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("ask", command);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("ask \"/review metallic-rouge\"", error, StringComparison.Ordinal);
    }

    /// <summary>Asking for help is no mistake: the verbs on stdout, exit 0, and nothing created.</summary>
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_PrintsTheVerbsOnStdout_ExitCode0_NothingCreated(string argument)
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync(argument);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.StartsWith("Usage: dotnet run --project src/ReviewBot -- <verb>, one of:", output, StringComparison.Ordinal);
        Assert.Contains("  import PATH... [--no-announce]", output, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// A setting written with a space instead of "=" is taken for the verb; the line says what it is
    /// and how to write it, rather than only that no verb has that name.
    /// </summary>
    [Fact]
    public async Task SettingWithoutItsValue_InPlaceOfTheVerb_SaysHowToWriteIt()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("--Reviews:InboxDirectory", "/srv/inbox", "ask", "/latest");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith(
            "\"--Reviews:InboxDirectory\" is a setting without a value; write it --Reviews:InboxDirectory=VALUE, after the verb or before it.",
            error,
            StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task UnknownVerb_ExitCode2WithUsage()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesInitialMigrationThenIsUpToDate()
    {
        using var run = new ProgramRun();

        var first = await run.RunAsync("migrate");
        var second = await run.RunAsync("migrate");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("0001_initial.sql", first.Out, StringComparison.Ordinal);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OneGoodOneBadFile_ImportsTheGoodOneAndExitsNonZero()
    {
        using var run = new ProgramRun();
        var bad = Path.Combine(run.Folder, "empty.md");
        File.WriteAllText(bad, "");
        var good = Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt");

        var (exitCode, output, error) = await run.RunAsync("import", bad, good);

        Assert.Equal(1, exitCode);
        Assert.Contains("empty.md: the file is empty", error, StringComparison.Ordinal);
        Assert.Contains("created (metallic-rouge)", output, StringComparison.Ordinal);
        Assert.Contains("1 imported or unchanged, 1 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EmptyConnectionString_ExitCode2SayingWhatToSet()
    {
        using var run = new ProgramRun();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await Program.RunAsync(["ask", "/latest", "--ConnectionStrings:Reviews= "], stdout, stderr, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings__Reviews", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ReviewWithChart_WritesThePngAndStillPrintsTheAnswer()
    {
        using var run = new ProgramRun();
        var path = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n") + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var (exitCode, output, _) = await run.RunAsync("ask", "/review metallic-rouge", "--chart", path);

            Assert.Equal(0, exitCode);
            Assert.Contains("Metallic Rouge — Season 1", output, StringComparison.Ordinal);
            Assert.Contains("Chart written to", output, StringComparison.Ordinal);
            var png = await File.ReadAllBytesAsync(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Ask_ChartWithoutAFileName_IsAUsageErrorThatSaysWhatToType()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("ask", "/review metallic-rouge", "--chart");

        Assert.Equal(2, exitCode);
        Assert.Contains("--chart needs a file name", error, StringComparison.Ordinal);
    }
}
