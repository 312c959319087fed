using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Cli;

namespace ReviewBot.Tests.Bot;

/// <summary>Where the run verb's settings come from, and which source wins (later sources override earlier ones).</summary>
public sealed class RunSettingsTests
{
    [Fact]
    public void HostBuilder_InDevelopment_ReadsAppsettingsThenEnvironmentFileThenUserSecretsThenEnvironmentVariables()
    {
        var builder = RunHost(["--environment=Development"]);

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        var appsettings = IndexOf(sources, s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var environmentFile = IndexOf(sources, s => s is JsonConfigurationSource { Path: "appsettings.Development.json", Optional: true });
        var secrets = IndexOf(sources, s => s is JsonConfigurationSource { Path: "secrets.json", Optional: true });
        var variables = IndexOf(sources, s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        // The host's own settings read the command line early too; the one that overrides everything is the last.
        var commandLine = sources.Count - 1 - IndexOf(sources.Reverse().ToList(), s => s is CommandLineConfigurationSource);
        Assert.True(appsettings < environmentFile && environmentFile < secrets && secrets < variables && variables < commandLine,
            $"order was appsettings {appsettings}, environment file {environmentFile}, secrets {secrets}, variables {variables}, command line {commandLine}");
    }

    [Fact]
    public void ReviewBotAssembly_HasTheUserSecretsIdThatDevelopmentReads()
    {
        var id = typeof(Program).Assembly.GetCustomAttribute<UserSecretsIdAttribute>();

        Assert.NotNull(id);
        Assert.False(string.IsNullOrWhiteSpace(id.UserSecretsId));
        Assert.Equal("ReviewBot", RunHost(["--environment=Development"]).Environment.ApplicationName);
    }

    [Fact]
    public void HostBuilder_OutsideDevelopment_DoesNotReadUserSecrets()
    {
        var builder = RunHost([]);

        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        Assert.Equal("Production", builder.Environment.EnvironmentName);
        Assert.DoesNotContain(sources, s => s is JsonConfigurationSource { Path: "secrets.json" });
        Assert.Contains(sources, s => s is JsonConfigurationSource { Path: "appsettings.Production.json", Optional: true });
    }

    [Fact]
    public void HostBuilder_EnvironmentVariableWithDoubleUnderscore_IsReadAsASectionKey()
    {
        // A name no other test or setting uses, so setting it cannot disturb tests running in parallel.
        var name = "ReviewBotTests__Probe" + Guid.NewGuid().ToString("n");
        Environment.SetEnvironmentVariable(name, "from-the-environment");
        try
        {
            var builder = RunHost([]);

            Assert.Equal("from-the-environment", builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>
    /// One host per process: the run verb's has the bot's hosted services, the bot's own first, and the
    /// web server (Kestrel, in GenericWebHostService) last, so it starts after the bot and stops before it.
    /// OpenTelemetry puts its own first (it only creates the meter provider); the health checks add a publisher;
    /// InteractionLifetime, which only cancels handlers once the shutdown timeout runs out, comes with the interactions.
    /// </summary>
    [Fact]
    public void HostForRun_StartsTheBotBeforeTheOtherHostedServicesAndTheWebServerLast()
    {
        using var host = Program.Build(RunHost(["--Discord:Token=example-token"]));

        // Delivery and the sources run as duties held by one process at a time: name what each wraps.
        var hosted = host.Services.GetServices<IHostedService>()
            .Select(s => s.GetType() is { IsGenericType: true } wrapper ? wrapper.GetGenericArguments()[0].Name : s.GetType().Name)
            .ToList();

        Assert.Equal(
            ["TelemetryHostedService", "ThreadPoolStarvationWatch", "InteractionLifetime", "DiscordBotService", "ShowIndexWarmup", "StoredAnswerRefresher", "ReviewChangeWatching", "AnnouncementDeliveryService", "InboxService", "FeedPollingService", "ChartBackfillService", "StoredAnswerBackfillService", "IdleMemoryTrim", "HealthCheckPublisherHostedService", "ObservedInstruments", "GenericWebHostService"],
            hosted);
    }

    /// <summary>The other verbs run in a generic host without the bot's layers: nothing to start, and no web server at all.</summary>
    [Theory]
    [InlineData("ask")]
    [InlineData("import")]
    [InlineData("migrate")]
    [InlineData("feeds")]
    public void HostForOtherVerbs_HasNoHostedServicesAndNoServer(string verb)
    {
        using var host = Program.Build(Program.CreateHostBuilder(CliArguments.Parse([verb]), new CliConsole(TextWriter.Null, TextWriter.Null)));

        Assert.Empty(host.Services.GetServices<IHostedService>());
        Assert.Null(host.Services.GetService<IServer>());
    }

    /// <summary>
    /// Every verb reads its settings files once: a watcher on them would take an inotify instance, and
    /// where the user's limit is used up by other programs it fails to start, and the host with it.
    /// </summary>
    [Theory]
    [InlineData("run")]
    [InlineData("ask")]
    [InlineData("import")]
    [InlineData("migrate")]
    [InlineData("feeds")]
    public void HostBuilder_ForEveryVerb_ReadsItsSettingsFilesWithoutWatchingThem(string verb)
    {
        var builder = Program.CreateHostBuilder(CliArguments.Parse([verb]), new CliConsole(TextWriter.Null, TextWriter.Null));

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.Contains(files, file => file.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.ReloadOnChange, $"{file.Path} is watched for changes"));
    }

    /// <summary>An operator who wants the files watched can still say so, after the verb.</summary>
    [Fact]
    public void HostBuilder_AskedToReloadOnChange_WatchesTheFiles()
    {
        var builder = RunHost(["--hostBuilder:reloadConfigOnChange=true"]);

        var json = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().First(file => file.Path == "appsettings.json");
        Assert.True(json.ReloadOnChange);
    }

    private static int IndexOf(IList<IConfigurationSource> sources, Func<IConfigurationSource, bool> match)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (match(sources[i]))
            {
                return i;
            }
        }

        Assert.Fail("No such configuration source: " + string.Join(", ", sources.Select(s => s is FileConfigurationSource f ? f.Path : s.GetType().Name)));
        return -1;
    }

    /// <summary>The host Program builds for the run verb, with these configuration arguments.</summary>
    private static IHostApplicationBuilder RunHost(string[] configurationArgs) =>
        Program.CreateHostBuilder(CliArguments.Parse(configurationArgs), new CliConsole(TextWriter.Null, TextWriter.Null));
}
