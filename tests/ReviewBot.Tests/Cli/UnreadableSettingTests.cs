namespace ReviewBot.Tests.Cli;

/// <summary>
/// A setting the program cannot read is a configuration error like any other: one line naming the
/// key or the file, exit code 2 (systemd does not restart the bot for it), no stack trace, nothing written.
/// </summary>
public sealed class UnreadableSettingTests
{
    private const string NoDiscord = "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10";

    [Theory]
    [InlineData("ask", "/latest", "--Reviews:ImportSamplesWhenEmpty=maybe", "Reviews:ImportSamplesWhenEmpty")]
    [InlineData("run", "--Discord:Token=test-token", "--Reviews:ImportSamplesWhenEmpty=maybe", "Reviews:ImportSamplesWhenEmpty")]
    [InlineData("run", "--Discord:Token=test-token", "--Interactions:DeferAfter=soon", "Interactions:DeferAfter")]
    [InlineData("run", "--Discord:Token=test-token", "--Discord:DevGuildId=-1", "Discord:DevGuildId")]
    [InlineData("run", "--Discord:Token=test-token", "--Memory:TrimWhenIdle=perhaps", "Memory:TrimWhenIdle")]
    [InlineData("run", "--Discord:Token=test-token", "--Feeds:Sources:0:PollInterval=hourly", "Feeds:Sources:0:PollInterval")]
    public async Task AValueThatIsNotItsType_Exit2NamingTheKey(string verb, string argument, string setting, string key)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(verb, argument, NoDiscord, setting);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: ", error, StringComparison.Ordinal);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// A setting that takes one value, written as an object or a list (<c>"Jitter": {"a": 1}</c>,
    /// <c>"SqliteCacheSizeKiB": [1, 2]</c>, <c>Feeds__Jitter__0</c> in the environment), has no value
    /// the binder can read: it would keep its default without a word.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest", "--Storage:SqliteCacheSizeKiB:0=1", "Storage:SqliteCacheSizeKiB")]
    [InlineData("ask", "/latest", "--Storage:SqliteMapSizeMiB:a=1", "Storage:SqliteMapSizeMiB")]
    [InlineData("ask", "/latest", "--Reviews:SeedDirectory:0=samples", "Reviews:SeedDirectory")]
    [InlineData("run", "--Discord:Token=test-token", "--Feeds:Jitter:a=1", "Feeds:Jitter")]
    [InlineData("run", "--Discord:Token=test-token", "--Feeds:DefaultPollInterval:0=00:10:00", "Feeds:DefaultPollInterval")]
    [InlineData("run", "--Discord:Token=test-token", "--Reviews:InboxDirectory:path=inbox", "Reviews:InboxDirectory")]
    [InlineData("run", "--Discord:Token=test-token", "--Discord:ShardCount:0=2", "Discord:ShardCount")]
    [InlineData("run", "--Discord:Token=test-token", "--Interactions:DeferAfter:0=00:00:01", "Interactions:DeferAfter")]
    [InlineData("run", "--Discord:Token=test-token", "--Memory:TrimWhenIdle:0=true", "Memory:TrimWhenIdle")]
    [InlineData("run", "--Discord:Token=test-token", "--Announcements:BatchSize:0=5", "Announcements:BatchSize")]
    [InlineData("run", "--Discord:Token=test-token", "--Http:Listen:0=http://127.0.0.1:0", "Http:Listen")]
    [InlineData("run", "--Discord:Token=test-token", "--Duties:0=gateway", "Duties")]
    public async Task ASingleValueWrittenAsAnObjectOrAList_Exit2NamingTheKey(string verb, string argument, string setting, string key)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(verb, argument, NoDiscord, setting);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: ", error, StringComparison.Ordinal);
        Assert.Contains($"{key} must be a single value, not an object or a list", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task AFeedsSettingWrittenAsAListInsideAFeed_Exit2NamingTheKey()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(
            "run", "--Discord:Token=test-token", NoDiscord, "--Feeds:Sources:0:Url=https://reviews.example/feed", "--Feeds:Sources:0:PollInterval:0=01:00:00");

        Assert.Equal(2, exitCode);
        Assert.Contains("Feeds:Sources:0:PollInterval must be a single value, not an object or a list", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task ATokenWithACharacterNoTokenHas_Exit2_WithoutRepeatingIt()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("run", "--Discord:Token=sécret-tokén", NoDiscord);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: Discord:Token contains a character no token has", error, StringComparison.Ordinal);
        Assert.DoesNotContain("cret-tok", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("run", "--Discord:Token=test-token")]
    public async Task AnUnknownLogLevel_Exit2NamingTheKey(string verb, string argument)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(verb, argument, NoDiscord, "--Logging:LogLevel:Default=Loud");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: Logging:LogLevel:Default is \"Loud\"", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task ASettingsFileThatIsNotJson_Exit2NamingTheFileAndLine()
    {
        // An environment of its own, so its appsettings file beside the binary is read by this test only.
        using var run = new ProgramRun();
        var environment = "Broken" + Guid.NewGuid().ToString("n");
        var file = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json");
        await File.WriteAllTextAsync(file, "{\n  \"Reviews\": {\n    \"SeedDirectory\": \"samples\",\n");
        try
        {
            var (exitCode, _, error) = await run.RunAsync("ask", "/latest", "--environment=" + environment);

            Assert.Equal(2, exitCode);
            Assert.StartsWith("Configuration error: ", error, StringComparison.Ordinal);
            Assert.Contains(file, error, StringComparison.Ordinal);
            Assert.Contains("LineNumber", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.False(File.Exists(run.DatabasePath));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A settings file that is there but cannot be opened (a link to /etc/reviewbot/appsettings.json
    /// whose target is missing, a link loop; for a service running as its own user, a file copied with
    /// root's umask) is a configuration error like one that is not JSON: one line naming the file, exit
    /// 2 so systemd does not restart it in a loop, not an unhandled exception's trace and an abort.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest", "dangling")]
    [InlineData("run", "--Discord:Token=test-token", "dangling")]
    [InlineData("ask", "/latest", "loop")]
    public async Task ASettingsFileThatCannotBeOpened_Exit2NamingTheFile(string verb, string argument, string link)
    {
        // Root opens past any permission, so links stand in for a file the bot may not open.
        using var run = new ProgramRun();
        var environment = "Unopenable" + Guid.NewGuid().ToString("n");
        var file = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json");
        File.CreateSymbolicLink(file, link == "loop" ? file : Path.Combine(run.Folder, "missing", "appsettings.json"));
        try
        {
            var (exitCode, output, error) = await run.RunAsync(verb, argument, "--environment=" + environment);

            Assert.Equal(2, exitCode);
            Assert.Equal("", output);
            Assert.StartsWith("Configuration error: a settings file cannot be read: ", error, StringComparison.Ordinal);
            Assert.Contains(file, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
            Assert.False(File.Exists(run.DatabasePath));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
