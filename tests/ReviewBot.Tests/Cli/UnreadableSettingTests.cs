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
}
