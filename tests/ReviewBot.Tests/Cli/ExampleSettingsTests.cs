using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class ExampleSettingsTests
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

    /// <summary>
    /// README's settings table and the example are the two lists of every key an operator can set, so
    /// each must have the other's keys. Left out of the comparison: the Logging section, whose keys
    /// are log categories (any number of them, the logging library's), and the table's OpenTelemetry
    /// environment variable, which the exporter reads from the environment, not from a settings file.
    /// </summary>
    [Fact]
    public void ExampleSettings_HaveEveryKeyOfTheReadmeSettingsTable_AndNoOther()
    {
        var example = new SortedSet<string>(StringComparer.Ordinal);
        using (var json = JsonDocument.Parse(File.ReadAllText(ExampleSettingsPath())))
        {
            AddKeys(json.RootElement, "", example);
        }

        example.RemoveWhere(key => key.StartsWith("Logging:", StringComparison.Ordinal));
        var table = ReadmeSettingsTableKeys();
        table.RemoveWhere(key => key.StartsWith("OTEL_", StringComparison.Ordinal));

        Assert.True(table.Count > 30, $"Only {table.Count} keys were read from README's settings table.");
        Assert.Empty(table.Except(example));
        Assert.Empty(example.Except(table));
    }

    /// <summary>Leaf keys as configuration names them (Section:Key); an array or a value ends a key.</summary>
    private static void AddKeys(JsonElement element, string prefix, ISet<string> keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            keys.Add(prefix);
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            AddKeys(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
        }
    }

    /// <summary>The first cell of each row of the table under "## Configuration", up to the next heading.</summary>
    private static SortedSet<string> ReadmeSettingsTableKeys()
    {
        var readme = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(ExampleSettingsPath())!, "README.md"));
        var section = readme.SkipWhile(line => line != "## Configuration").Skip(1).TakeWhile(line => !line.StartsWith('#'));
        return new SortedSet<string>(
            section.Select(line => TableRowKey().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value),
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex TableRowKey();

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
