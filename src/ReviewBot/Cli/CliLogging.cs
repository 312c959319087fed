using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ReviewBot.Cli;

internal static class CliLogging
{
    /// <summary>
    /// Logs go to stderr so stdout carries only answers and results. For <c>ask</c> the console shows
    /// warnings and errors only: a person asked a question and wants the answer, not the migration log.
    /// </summary>
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration, string verb)
    {
        ThrowIfALevelIsUnknown(configuration.GetSection("Logging"));
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Log lines pass through TerminalSafeWriter (see Program.Main), which would show colour
        // codes as text; plain lines read the same.
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o => o.ColorBehavior = LoggerColorBehavior.Disabled);
        // The host logs a failed start as an error with its trace; the run verb says what failed in one
        // line of its own (RunVerb), so only the host's critical messages (a background service that
        // stops it) are kept.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // The health-check service logs every Unhealthy result at Error, once per check and probe: a
        // process not ready yet (migrating, connecting) under a probe every few seconds would fill the
        // journal with errors that are none. What is wrong is in the /readyz answer itself, and what
        // made it so (a lost gateway connection, a database that fails) is logged where it happens.
        logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        if (verb == "ask")
        {
            // Provider-specific rules win over the provider-less ones in appsettings' Logging section.
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        }
    }

    /// <summary>
    /// Every level under Logging (Logging:LogLevel:Default, Logging:Console:LogLevel:X), checked by the
    /// rule the logging library applies when the host is built: empty, or a LogLevel name or number.
    /// The library's own failure names the value but not the key, and comes as an unhandled exception.
    /// </summary>
    private static void ThrowIfALevelIsUnknown(IConfigurationSection logging)
    {
        var failures = logging.AsEnumerable()
            .Where(setting => setting.Value is { Length: > 0 } value
                && IsLevelKey(setting.Key.Split(':'))
                && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
            .Select(setting => $"{setting.Key} is \"{setting.Value}\"; set it to one of {string.Join(", ", Enum.GetNames<LogLevel>())}.")
            .ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(logging.Path, typeof(LoggerFilterOptions), failures);
        }
    }

    /// <summary>Logging:LogLevel:Category or Logging:Provider:LogLevel:Category, the two places levels are read from.</summary>
    private static bool IsLevelKey(string[] parts) =>
        parts.Length is 3 or 4 && parts[^2].Equals("LogLevel", StringComparison.OrdinalIgnoreCase);
}
