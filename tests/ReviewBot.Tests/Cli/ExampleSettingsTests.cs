using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReviewBot.Cli;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// appsettings.example.json is what operators copy: every value in it must pass the same start-up
/// validation the bot runs, so the example never teaches a setting that stops the bot.
/// </summary>
public sealed class ExampleSettingsTests
{
    [Fact]
    public void ExampleSettings_WithAToken_PassStartupValidation()
    {
        var builder = RunHost([]);
        builder.Configuration.AddJsonFile(ExampleSettingsPath(), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "example-token" });
        using var host = Program.Build(builder);

        var validator = host.Services.GetRequiredService<IStartupValidator>();

        validator.Validate();
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("00:00:00")]
    public void ExampleSettings_WithABrokenValue_FailStartupValidationNamingTheKey(string deferAfter)
    {
        // The positive test above is only meaningful if validation really reads these sections.
        var builder = RunHost([]);
        builder.Configuration.AddJsonFile(ExampleSettingsPath(), optional: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "example-token",
            ["Interactions:DeferAfter"] = deferAfter,
        });
        using var host = Program.Build(builder);

        var validator = host.Services.GetRequiredService<IStartupValidator>();

        var failure = Assert.Throws<OptionsValidationException>(validator.Validate);
        Assert.Contains("Interactions:DeferAfter", failure.Message, StringComparison.Ordinal);
    }

    private static string ExampleSettingsPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "appsettings.example.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "ReviewBot.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("appsettings.example.json was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The host Program builds for the run verb, with these configuration arguments.</summary>
    private static IHostApplicationBuilder RunHost(string[] configurationArgs) =>
        Program.CreateHostBuilder(CliArguments.Parse(configurationArgs), new CliConsole(TextWriter.Null, TextWriter.Null));
}
