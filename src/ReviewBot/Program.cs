using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReviewBot.Bot;
using ReviewBot.Cli;
using ReviewBot.Core;
using ReviewBot.Duties;

namespace ReviewBot;

/// <summary>
/// The composition root: one host per process, with configuration, the layers the verb needs (the run
/// verb adds the bot's, its HTTP listener included; the other verbs start no hosted service), then the verb.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var verb = CliArguments.Parse(args).Verb;

        // SIGTERM (systemd, a container runtime, kill) stops a verb as Ctrl+C does: what it was doing is
        // cancelled and it says so, instead of the runtime's default of ending the process mid-verb. The
        // run verb is left to its host's lifetime, which handles the signal with the drain it was tested for.
        using var terminate = verb == CliArguments.DefaultVerb
            ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        // The console logger writes to Console.Error itself; it gets the same guard as the verbs'
        // output (CliConsole), so a file name or feed title in a log line cannot steer the terminal.
        Console.SetError(TextWriter.Synchronized(TerminalSafeWriter.Guard(Console.Error)));

        // Started with its standard output closed (>&-), a verb did its work and then failed at its first
        // line with the system's words for a bad descriptor ("Access to the path is denied."), after an
        // import had been stored and announced. So it stops first, and says why.
        if (!StandardOutput.IsWritable())
        {
            await Console.Error.WriteLineAsync(
                $"{verb}: the standard output is closed (or open only for reading), so nothing could be printed; give it somewhere to write (>/dev/null to discard it).");
            return ExitCodes.Usage;
        }

        return await RunAsync(args, Console.Out, Console.Error, stop.Token);
    }

    /// <summary>Main with its console passed in, so tests run the real program and read what it prints.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var command = CliArguments.Parse(args);
        var console = new CliConsole(stdout, stderr);
        IHost host;
        try
        {
            host = Build(CreateHostBuilder(command, console));
        }
        catch (Exception exception) when (exception is InvalidDataException or OptionsValidationException)
        {
            // Settings read while the host is built (a settings file that is not JSON, a log level
            // that is not one) stop the program before any verb, so they are reported here, as the
            // verbs report theirs: one line and exit code 2, not an unhandled exception's trace.
            await console.Error.WriteLineAsync("Configuration error: " + Describe(exception));
            return ExitCodes.Usage;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only the settings files are read while the host is built. One that is there but cannot be
            // opened (no permission for the service's user, a link whose target is missing) comes out of
            // the configuration provider as it is, not wrapped as a file that is not JSON is; unhandled,
            // it was a trace and an abort (134), which systemd restarts every few seconds for ever.
            await console.Error.WriteLineAsync("Configuration error: a settings file cannot be read: " + Describe(exception));
            return ExitCodes.Usage;
        }

        try
        {
            return await host.Services.GetRequiredService<CliDispatcher>().RunAsync(command, cancellationToken);
        }
        finally
        {
            // The bot's services (gateway, delivery worker) release their resources asynchronously.
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>The exception's message and its causes', which say what was wrong and where (a JSON file's line and byte).</summary>
    private static string Describe(Exception exception)
    {
        if (exception is OptionsValidationException validation)
        {
            return string.Join(" ", validation.Failures);
        }

        var messages = new List<string>();
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" ", messages);
    }

    /// <summary>
    /// The process's host: the same configuration sources for every verb, then one Add per layer. For the
    /// run verb a (slim) web application builder, so the bot's optional HTTP listener (interactions,
    /// health, metrics) lives in this same host, after the bot's services; the other verbs get a plain
    /// generic host with no web server in it.
    /// </summary>
    internal static IHostApplicationBuilder CreateHostBuilder(CliArguments command, CliConsole console)
    {
        var isRun = command.Verb == CliArguments.DefaultVerb;
        IHostApplicationBuilder builder = isRun ? CreateWebHostBuilder(command) : CreateGenericHostBuilder(command);
        CliLogging.Configure(builder.Logging, builder.Configuration, command.Verb);
        builder.Services.AddSettingKeysCheck(builder.Configuration, ReviewBotSettings.Keys());
        builder.Services.AddReviewBotCore(builder.Configuration);
        builder.Services.AddReviewBotCli(console);
        if (isRun)
        {
            // Under systemd (parent process systemd): READY=1 once started, STOPPING=1 on stop, and log
            // lines with syslog priorities for the journal. Anywhere else it adds nothing.
            builder.Services.AddSystemd();
            builder.Services.AddProcessDuties(builder.Configuration);
            builder.Services.AddReviewBot(builder.Configuration);
        }

        return builder;
    }

    /// <summary>Builds what <see cref="CreateHostBuilder"/> made: a web application for run, a generic host otherwise.</summary>
    internal static IHost Build(IHostApplicationBuilder builder) => builder switch
    {
        WebApplicationBuilder web => web.Build(),
        HostApplicationBuilder generic => generic.Build(),
        _ => throw new ArgumentException($"{builder.GetType().Name} is not a builder that {nameof(CreateHostBuilder)} makes.", nameof(builder)),
    };

    private static HostApplicationBuilder CreateGenericHostBuilder(CliArguments command) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [SettingsReadOnce, .. command.ConfigurationArgs],
            ContentRootPath = ContentRoot,
            ApplicationName = ApplicationName,
        });

    private static WebApplicationBuilder CreateWebHostBuilder(CliArguments command) =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [SettingsReadOnce, .. command.ConfigurationArgs],
            ContentRootPath = ContentRoot,
            ApplicationName = ApplicationName,
        });

    /// <summary>
    /// The settings files are read once, at start, where every option is validated: the defaults would
    /// watch them for changes, which applies an edit half-way (without the checks a start runs) and takes
    /// one of the user's inotify instances, whose limit (128 by default on Linux) other programs on a
    /// shared host often exhaust; the watcher then fails to start and the host with it, on every verb.
    /// An edit takes effect at the next start (README, Configuration). First, so a
    /// command-line setting of the same key still wins.
    /// </summary>
    internal const string SettingsReadOnce = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>appsettings*.json are copied next to the binary; `dotnet run` starts in the repository root.</summary>
    private static string ContentRoot => AppContext.BaseDirectory;

    /// <summary>
    /// User secrets (Development only) are found through the assembly named here and its UserSecretsId;
    /// the default is the entry assembly, which is not ReviewBot under a test host.
    /// </summary>
    private static string? ApplicationName => typeof(Program).Assembly.GetName().Name;
}
