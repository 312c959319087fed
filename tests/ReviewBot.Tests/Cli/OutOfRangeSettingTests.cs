using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Cli;
using ReviewBot.Core.Storage;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// A number outside its range is refused at start with a line that names the key the operator set
/// (Section:Key, as in appsettings.json and, with __, the environment), the range and the value
/// given: the name of the class the section is bound to means nothing to the operator, and for the
/// inbox settings it even names another section than the one they live in.
/// </summary>
public sealed class OutOfRangeSettingTests
{
    private const string NoDiscord = "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10";

    [Theory]
    [InlineData("--Announcements:MaxParallelChannels=0", "Announcements:MaxParallelChannels must be between 1 and 256 (was 0).")]
    [InlineData("--Announcements:BatchSize=-3", "Announcements:BatchSize must be between 1 and 100000 (was -3).")]
    [InlineData("--Reviews:InboxMaxFileBytes=0", "Reviews:InboxMaxFileBytes must be between 1 and 104857600 (was 0).")]
    [InlineData("--Feeds:Jitter=2", "Feeds:Jitter must be between 0 and 1 (was 2).")]
    [InlineData("--Feeds:Jitter=NaN", "Feeds:Jitter must be between 0 and 1 (was NaN).")]
    [InlineData("--Feeds:MaxConcurrentPolls=65", "Feeds:MaxConcurrentPolls must be between 1 and 64 (was 65).")]
    [InlineData("--Feeds:MaxBodyBytes=1000", "Feeds:MaxBodyBytes must be between 1024 and 104857600 (was 1000).")]
    [InlineData("--Feeds:MaxRedirects=-1", "Feeds:MaxRedirects must be between 0 and 20 (was -1).")]
    [InlineData("--Feeds:MaxItemsPerPoll=0", "Feeds:MaxItemsPerPoll must be between 1 and 100000 (was 0).")]
    [InlineData("--Announcements:PollInterval=-00:00:01", "Announcements:PollInterval must be between 00:00:00.0100000 and 00:01:00 (was -00:00:01).")]
    [InlineData("--Reviews:InboxSettleTime=01:00:00", "Reviews:InboxSettleTime must be between 00:00:00 and 00:10:00 (was 01:00:00).")]
    [InlineData("--Memory:QuietBelowBytes=0", "Memory:QuietBelowBytes must be more than 0 (was 0).")]
    [InlineData("--Interactions:DeferAfter=00:00:05", "Interactions:DeferAfter must be more than 0 and at most 00:00:02.5: Discord drops initial responses after 3 s.")]
    public async Task Run_ANumberOutOfRange_Exit2WithOneLineNamingTheKey(string setting, string expected)
    {
        using var run = new ProgramRun();

        await AssertConfigurationErrorAsync(run.RunAsync("run", "--Discord:Token=test-token", NoDiscord, setting), expected);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// Two wrong settings of two sections: the start's validation throws them together, and they are
    /// still the configuration error they are (exit 2, one line naming both), not "could not start" (exit 1,
    /// which systemd would restart for ever).
    /// </summary>
    [Fact]
    public async Task Run_TwoSettingsOutOfRangeInTwoSections_Exit2WithOneLineNamingBoth()
    {
        using var run = new ProgramRun();

        await AssertConfigurationErrorAsync(
            run.RunAsync("run", "--Discord:Token=test-token", NoDiscord, "--Feeds:Jitter=5", "--Announcements:BatchSize=0"),
            "Feeds:Jitter must be between 0 and 1 (was 5). Announcements:BatchSize must be between 1 and 100000 (was 0).");
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// Feeds:Sources is a list of objects; given in another shape (a list of bare addresses, the
    /// likeliest slip, a single address, one object), the binder dropped it without a word and feed
    /// polling was off while the operator believed it on.
    /// </summary>
    [Theory]
    [InlineData("--Feeds:Sources:0=https://reviews.example/feed/", "Feeds:Sources:0 is a single value; each feed is an object with a Url: { \"Url\": \"https://…\" } (environment: Feeds__Sources__0__Url).")]
    [InlineData("--Feeds:Sources=https://reviews.example/feed/", "Feeds:Sources is a single value; it is a list of feeds, each an object with a Url: [ { \"Url\": \"https://…\" } ] (environment: Feeds__Sources__0__Url).")]
    [InlineData("--Feeds:Sources:Url=https://reviews.example/feed/", "Feeds:Sources is an object; it is a list of feeds, each an object with a Url: [ { \"Url\": \"https://…\" } ] (environment: Feeds__Sources__0__Url).")]
    public async Task Run_FeedSourcesInAnotherShape_Exit2WithOneLineNamingTheKey(string setting, string expected)
    {
        using var run = new ProgramRun();

        await AssertConfigurationErrorAsync(run.RunAsync("run", "--Discord:Token=test-token", NoDiscord, setting), expected);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task Ask_AnEmptySeedDirectory_Exit2WithOneLineNamingTheKey()
    {
        using var run = new ProgramRun();

        await AssertConfigurationErrorAsync(
            run.RunAsync("ask", "/latest", "--Reviews:SeedDirectory="),
            "Set Reviews:SeedDirectory (environment: Reviews__SeedDirectory), e.g. \"samples\".");
    }

    /// <summary>
    /// A seed folder that names a file (the sample itself, not its folder) is a setting to fix: it was
    /// reported as a folder not found, or passed over for the samples beside the binary, and the store
    /// was left empty or filled with other reviews than the ones named.
    /// </summary>
    [Theory]
    [InlineData("ABSOLUTE")]
    [InlineData("samples/metallic-rouge-season-1.txt")]
    public async Task Ask_ASeedDirectoryThatIsAFile_OnAnEmptyDatabase_Exit2SayingAFolderIsExpected(string seed)
    {
        using var run = new ProgramRun();
        if (seed == "ABSOLUTE")
        {
            seed = Path.Combine(run.Folder, "review.txt");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"), seed);
        }

        await AssertConfigurationErrorAsync(
            run.RunAsync("ask", "/latest", $"--Reviews:SeedDirectory={seed}"),
            $"Reviews:SeedDirectory \"{seed}\" is a file, not a folder; set it to the folder of review files (*.txt, *.md) to import into an empty database, e.g. \"samples\", or set Reviews:ImportSamplesWhenEmpty=false.");
    }

    /// <summary>The bot meets the same setting where it starts: the same line and exit code, not a failure to restart for.</summary>
    [Fact]
    public async Task Run_ASeedDirectoryThatIsAFile_OnAnEmptyDatabase_Exit2SayingAFolderIsExpected()
    {
        using var run = new ProgramRun();
        var seed = Path.Combine(run.Folder, "review.txt");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"), seed);

        var (exitCode, _, error) = await run.RunAsync("run", "--Discord:Token=test-token", NoDiscord, $"--Reviews:SeedDirectory={seed}");

        Assert.Equal(2, exitCode);
        Assert.Contains(
            $"Configuration error: Reviews:SeedDirectory \"{seed}\" is a file, not a folder;",
            error.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0),
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_AnEmptyConnectionString_Exit2WithOneLineNamingTheKey()
    {
        using var run = new ProgramRun();

        await AssertConfigurationErrorAsync(
            run.RunWithConnectionStringAsync("", "ask", "/latest"),
            "Set ConnectionStrings:Reviews (environment: ConnectionStrings__Reviews), e.g. \"Data Source=data/reviewbot.db\".");
    }

    /// <summary>
    /// The class of the defect above: a validation attribute on an options property. The validators
    /// generated for them word the failure after the class and property ("The field
    /// FeedsOptions.Jitter", "SeedDirectory: …"), so every check goes in Validate, with the key.
    /// </summary>
    [Fact]
    public void NoOptionsTypeOfTheRunVerb_CarriesAValidationAttribute()
    {
        var services = Program.CreateHostBuilder(CliArguments.Parse(["--Discord:Token=example-token"]), new CliConsole(TextWriter.Null, TextWriter.Null)).Services;
        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("ReviewBot", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();

        var attributed = optionsTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.GetCustomAttributes<ValidationAttribute>(inherit: true).Any())
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();

        Assert.Contains(typeof(StorageOptions), optionsTypes);
        Assert.Contains(optionsTypes, t => t.Name == "FeedsOptions");
        Assert.Empty(attributed);
    }

    /// <summary>Exit code 2 and one line, the configuration error it is expected to be.</summary>
    private static async Task AssertConfigurationErrorAsync(Task<(int ExitCode, string Out, string Error)> running, string expected)
    {
        var (exitCode, _, error) = await running;

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Configuration error: " + expected,
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }
}
