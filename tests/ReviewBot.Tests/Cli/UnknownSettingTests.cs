using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReviewBot.Cli;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// A key under one of the bot's own sections that is no setting (a misspelt word) would be ignored by
/// the binder, and the operator would believe it applied: it stops the start with one line naming the
/// key and the setting it probably meant, exit code 2, nothing written. Keys of sections that are not
/// the bot's (Logging, the host's own) and keys that only differ in case are settings as before.
/// </summary>
public sealed class UnknownSettingTests
{
    private const string NoDiscord = "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10";

    [Theory]
    [InlineData("ask", "/latest", "--Feeds:Jiter=0.5", "Feeds:Jiter is not a setting; did you mean Feeds:Jitter?")]
    [InlineData("ask", "/latest", "--Storage:SqliteCacheSize=512", "Storage:SqliteCacheSize is not a setting; did you mean Storage:SqliteCacheSizeKiB?")]
    [InlineData("ask", "/latest", "--ConnectionStrings:Review=Data Source=elsewhere.db", "ConnectionStrings:Review is not a setting; did you mean ConnectionStrings:Reviews?")]
    [InlineData("ask", "/latest", "--Reviews:ImportSampleWhenEmpty=false", "Reviews:ImportSampleWhenEmpty is not a setting; did you mean Reviews:ImportSamplesWhenEmpty?")]
    [InlineData("ask", "/latest", "--Reviews:InboxDir=inbox", "Reviews:InboxDir is not a setting; did you mean Reviews:InboxDirectory?")]
    [InlineData("run", "--Discord:Token=test-token", "--Discord:DevGuild=1", "Discord:DevGuild is not a setting; did you mean Discord:DevGuildId?")]
    [InlineData("run", "--Discord:Token=test-token", "--Http:Listen:Port=8080", "Http:Listen must be a single value, not an object or a list (found Http:Listen:Port).")]
    [InlineData("run", "--Discord:Token=test-token", "--Memory:Trim=false", "Memory:Trim is not a setting; did you mean Memory:TrimWhenIdle?")]
    [InlineData("run", "--Discord:Token=test-token", "--Announcements:Batch=10", "Announcements:Batch is not a setting; did you mean Announcements:BatchSize?")]
    [InlineData("run", "--Discord:Token=test-token", "--Interactions:DeferAfterr=00:00:01", "Interactions:DeferAfterr is not a setting; did you mean Interactions:DeferAfter?")]
    [InlineData("run", "--Discord:Token=test-token", "--Feeds:Sources:0:Uri=https://reviews.example/feed", "Feeds:Sources:0:Uri is not a setting; did you mean Feeds:Sources:0:Url?")]
    [InlineData("run", "--Discord:Token=test-token", "--Duties:Run=delivery", "Duties must be a single value, not an object or a list (found Duties:Run).")]
    [InlineData("ask", "/latest", "--Duties:Run=delivery", "Duties must be a single value, not an object or a list (found Duties:Run).")]
    [InlineData("ask", "/latest", "--Storage:Colour=blue", "Storage:Colour is not a setting.")]
    public async Task AKeyThatIsNoSetting_Exit2NamingItAndTheSettingItProbablyMeant(string verb, string argument, string setting, string expected)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(verb, argument, NoDiscord, setting);

        Assert.Equal(2, exitCode);
        Assert.Equal("Configuration error: " + expected, error.TrimEnd());
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task AFeedWithAMisspeltKey_IsRefusedEvenWhenItsUrlIsRight()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(
            "run", "--Discord:Token=test-token", NoDiscord,
            "--Feeds:Sources:0:Url=https://reviews.example/feed", "--Feeds:Sources:0:PollIntervall=01:00:00");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Configuration error: Feeds:Sources:0:PollIntervall is not a setting; did you mean Feeds:Sources:0:PollInterval?",
            error.TrimEnd());
    }

    /// <summary>Configuration keys are case-insensitive: another case is the same setting, and it applies.</summary>
    [Fact]
    public async Task AKeyInAnotherCase_IsTheSetting()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("ask", "/latest", "--storage:SQLITECACHESIZEKIB=512", "--feeds:jitter=0.5", "--REVIEWS:importsampleswhenempty=false");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Configuration error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("metallic", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The host's own keys and other programs' sections are not the bot's to judge.</summary>
    [Fact]
    public async Task KeysOfSectionsThatAreNotTheBots_AreLeftAlone()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(
            "ask", "/latest", "--Logging:LogLevel:ReviewBot.Anything=Warning", "--Kestrel:Limits:MaxRequestBodySize=1", "--SomeOtherTool:Option=1", "--environment=Production");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Configuration error", error, StringComparison.Ordinal);
    }

    /// <summary>Lists that are settings keep their entries, each checked by its own keys.</summary>
    [Fact]
    public async Task ListsThatAreSettings_AreAccepted()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(
            "ask", "/latest", "--Feeds:AllowedPrivateAddresses:0=10.0.0.0/8", "--Feeds:AllowedPrivateAddresses:1=feeds.internal",
            "--Feeds:Sources:0:Url=https://reviews.example/feed", "--Feeds:Sources:0:PollInterval=01:00:00", "--Feeds:Sources:1:url=https://b.example/feed");

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Configuration error", error, StringComparison.Ordinal);
    }

    /// <summary>A settings file the same: <c>"Duties": {"Run": ...}</c> is no way to turn a duty off.</summary>
    [Fact]
    public void ASettingsFileWithANonSetting_FailsStartupValidationNamingIt()
    {
        var builder = Program.CreateHostBuilder(CliArguments.Parse([]), new CliConsole(TextWriter.Null, TextWriter.Null));
        var json = """{ "Feeds": { "Jitter": 0.2, "Sources": [ { "Url": "https://a.example/feed", "Interval": "01:00:00" } ] } }""";
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "example-token" });
        using var host = Program.Build(builder);

        var failure = Assert.Throws<OptionsValidationException>(host.Services.GetRequiredService<IStartupValidator>().Validate);

        Assert.Equal(["Feeds:Sources:0:Interval is not a setting; did you mean Feeds:Sources:0:PollInterval?"], failure.Failures);
    }

    /// <summary>
    /// A connection string given as a <c>SQLCONNSTR_Reviews</c> (or MySQL, Azure SQL) environment variable
    /// comes with the provider's name beside it, as the environment provider reads those: the keys it
    /// writes are the ones here, and they are the connection string setting, not a mistake.
    /// </summary>
    [Fact]
    public void AConnectionStringWithItsProviderName_AsTheEnvironmentProviderWritesIt_IsASetting()
    {
        var builder = Program.CreateHostBuilder(CliArguments.Parse([]), new CliConsole(TextWriter.Null, TextWriter.Null));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "example-token",
            ["ConnectionStrings:Reviews"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "reviewbot-provider-name.db"),
            ["ConnectionStrings:Reviews_ProviderName"] = "System.Data.SqlClient",
        });
        using var host = Program.Build(builder);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>
    /// Every options class the run host binds from configuration is in ReviewBot's settings, so a
    /// setting added to a new class is known and none of its keys is refused.
    /// </summary>
    [Fact]
    public void EveryOptionsClassBoundFromConfiguration_IsDescribed()
    {
        var builder = Program.CreateHostBuilder(CliArguments.Parse([]), new CliConsole(TextWriter.Null, TextWriter.Null));
        var bound = builder.Services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Namespace!.StartsWith("ReviewBot", StringComparison.Ordinal))
            .ToHashSet();

        Assert.True(bound.Count >= 8, $"Only {bound.Count} bound options classes were found.");
        Assert.Empty(bound.Except(ReviewBot.Bot.ReviewBotSettings.Keys().Described));
    }
}
