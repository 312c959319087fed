using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReviewBot.Cli;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// Every duration the bot reads from its settings has a longest value, refused at start: a timer or
/// Task.Delay throws on a wait longer than about 49.7 days, and a value that passed validation would
/// throw only when the loop using it first waits, ending that loop while the bot runs on.
/// </summary>
public sealed class TimeSpanSettingsTests
{
    /// <summary>A millisecond longer than the longest wait Task.Delay and timers accept (2^32 - 2 ms).</summary>
    private static readonly TimeSpan PastEveryTimer = TimeSpan.FromMilliseconds(uint.MaxValue);

    [Fact]
    public async Task Run_FeedPollIntervalLongerThanATimerWaits_ExitsWith2NamingTheKey()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(
            "run",
            "--Discord:Token=test-token",
            "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10",
            "--Feeds:Sources:0:Url=https://reviews.example/feed/",
            "--Feeds:Sources:0:PollInterval=60.00:00:00");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(
            "Configuration error: Feeds:Sources:0:PollInterval must be between 00:01:00 and 7.00:00:00 (was 60.00:00:00).",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>
    /// Each TimeSpan property of each options type the run verb binds from configuration (found by the
    /// change-token source that binding registers), set to a value no timer takes after binding, must fail
    /// start-up validation with a message naming it. A list of settings (Feeds:Sources) gets one entry
    /// with the duration set, the rest of it left at its defaults.
    /// </summary>
    [Fact]
    public void EveryTimeSpanSetting_LongerThanATimerWaits_IsRefusedAtStart()
    {
        var settings = TimeSpanSettings(RunHost().Services);
        var accepted = new List<string>();

        foreach (var setting in settings)
        {
            var builder = RunHost();
            typeof(TimeSpanSettingsTests).GetMethod(nameof(SetAfterBinding), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(setting.Options)
                .Invoke(null, [builder.Services, (Action<object>)setting.SetPastEveryTimer]);
            using var host = Program.Build(builder);

            var failure = Record.Exception(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

            if (failure is not OptionsValidationException validation
                || validation.OptionsType != setting.Options
                || !validation.Failures.Any(f => f.Contains(setting.Key, StringComparison.Ordinal)))
            {
                accepted.Add($"{setting.Name}: {failure?.Message ?? "accepted"}");
            }
        }

        // The search found the settings it must: the two the feeds are polled by, and one of the host's.
        Assert.Contains(settings, s => s.Name == "FeedsOptions.DefaultPollInterval");
        Assert.Contains(settings, s => s.Name == "FeedsOptions.Sources[].PollInterval");
        Assert.Contains(settings, s => s.Name == "HttpEndpointOptions.OutboxStuckAfter");
        Assert.True(accepted.Count == 0, "Not refused at start:\n" + string.Join("\n", accepted));
    }

    private static void SetAfterBinding<T>(IServiceCollection services, Action<object> set)
        where T : class =>
        services.PostConfigure<T>(options => set(options));

    private static List<TimeSpanSetting> TimeSpanSettings(IServiceCollection services)
    {
        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("ReviewBot", StringComparison.Ordinal) == true)
            .Distinct();
        var settings = new List<TimeSpanSetting>();
        foreach (var options in optionsTypes)
        {
            foreach (var property in Settable(options))
            {
                if (IsTimeSpan(property.PropertyType))
                {
                    settings.Add(new TimeSpanSetting(options, $"{options.Name}.{property.Name}", property.Name, o => property.SetValue(o, PastEveryTimer)));
                }
                else if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>))
                {
                    var itemType = property.PropertyType.GetGenericArguments()[0];
                    foreach (var itemProperty in Settable(itemType).Where(p => IsTimeSpan(p.PropertyType)))
                    {
                        settings.Add(new TimeSpanSetting(options, $"{options.Name}.{property.Name}[].{itemProperty.Name}", itemProperty.Name, o =>
                        {
                            var item = Activator.CreateInstance(itemType)!;
                            itemProperty.SetValue(item, PastEveryTimer);
                            ((IList)property.GetValue(o)!).Add(item);
                        }));
                    }
                }
            }
        }

        return settings;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null);

    private static bool IsTimeSpan(Type type) => type == typeof(TimeSpan) || type == typeof(TimeSpan?);

    /// <summary>The run verb's host with a token, so that only the duration under test is wrong.</summary>
    private static IHostApplicationBuilder RunHost() =>
        Program.CreateHostBuilder(CliArguments.Parse(["--Discord:Token=example-token"]), new CliConsole(TextWriter.Null, TextWriter.Null));

    private sealed record TimeSpanSetting(Type Options, string Name, string Key, Action<object> SetPastEveryTimer);
}
