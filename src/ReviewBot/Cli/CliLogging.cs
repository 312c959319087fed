using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ReviewBot.Cli;

internal static class CliLogging
{
    /// <summary>
    /// Logs go to stderr so stdout carries only answers and results. For <c>ask</c> the console shows
    /// warnings and errors only: a person asked a question and wants the answer, not the migration log.
    /// </summary>
    public static void Configure(ILoggingBuilder logging, string verb)
    {
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Log lines pass through TerminalSafeWriter (see Program.Main), which would show colour
        // codes as text; plain lines read the same.
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o => o.ColorBehavior = LoggerColorBehavior.Disabled);
        if (verb == "ask")
        {
            // Provider-specific rules win over the provider-less ones in appsettings' Logging section.
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        }
    }
}
