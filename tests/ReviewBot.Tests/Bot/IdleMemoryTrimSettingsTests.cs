using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReviewBot.Bot;
using ReviewBot.Cli;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// The <c>Memory</c> settings are bound and checked at the run verb's start. (That run has the trim and the
/// other verbs do not is in <see cref="RunSettingsTests"/>, with the rest of the hosted services.)
/// </summary>
public sealed class IdleMemoryTrimSettingsTests
{
    [Fact]
    public void Defaults_PassStartupValidation()
    {
        using var host = Program.Build(RunHostWith([]));

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var options = host.Services.GetRequiredService<IOptions<IdleMemoryTrimOptions>>().Value;
        Assert.True(options.TrimWhenIdle);
        Assert.Equal(TimeSpan.FromSeconds(1), options.IdleCheckInterval);
        Assert.Equal(64 * 1024, options.QuietBelowBytes);
        Assert.Equal(1024 * 1024, options.MinBytesSinceLastTrim);
    }

    [Fact]
    public void MemorySection_IsBound()
    {
        using var host = Program.Build(RunHostWith([
            ("Memory:TrimWhenIdle", "false"),
            ("Memory:IdleCheckInterval", "00:00:05"),
            ("Memory:QuietBelowBytes", "32768"),
            ("Memory:MinBytesSinceLastTrim", "4194304"),
        ]));

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var options = host.Services.GetRequiredService<IOptions<IdleMemoryTrimOptions>>().Value;
        Assert.False(options.TrimWhenIdle);
        Assert.Equal(TimeSpan.FromSeconds(5), options.IdleCheckInterval);
        Assert.Equal(32768, options.QuietBelowBytes);
        Assert.Equal(4194304, options.MinBytesSinceLastTrim);
    }

    [Theory]
    [InlineData("Memory:IdleCheckInterval", "00:00:00", "Memory:IdleCheckInterval")]
    [InlineData("Memory:IdleCheckInterval", "00:05:00", "Memory:IdleCheckInterval")]
    [InlineData("Memory:QuietBelowBytes", "0", "Memory:QuietBelowBytes")]
    [InlineData("Memory:QuietBelowBytes", "-1", "Memory:QuietBelowBytes")]
    [InlineData("Memory:QuietBelowBytes", "2097152", "Memory:QuietBelowBytes must be at most Memory:MinBytesSinceLastTrim")]
    [InlineData("Memory:MinBytesSinceLastTrim", "0", "Memory:MinBytesSinceLastTrim")]
    public void BadValue_FailsStartupValidationNamingTheKey(string key, string value, string expected)
    {
        using var host = Program.Build(RunHostWith([(key, value)]));

        var failure = Assert.Throws<OptionsValidationException>(host.Services.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private static IHostApplicationBuilder HostBuilder(string[] args) =>
        Program.CreateHostBuilder(CliArguments.Parse(args), new CliConsole(TextWriter.Null, TextWriter.Null));

    /// <summary>The host Program builds for the run verb, with a token (which run requires) and these settings.</summary>
    private static IHostApplicationBuilder RunHostWith((string Key, string Value)[] settings)
    {
        var builder = HostBuilder([]);
        var values = new Dictionary<string, string?> { ["Discord:Token"] = "example-token" };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        return builder;
    }
}
