using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Bot;
using ReviewBot.Http;
using ReviewBot.Http.Metrics;
using ReviewBot.Sources;
using ReviewBot.Subscriptions;
using ReviewBot.Core;

namespace ReviewBot.Cli;

/// <summary>
/// <c>run</c> (the default verb): the Discord bot as a generic host, until Ctrl+C / SIGTERM or a
/// fatal Discord answer. Exit codes: 0 clean stop; 2 no token, a rejected token (401 or gateway
/// close 4004) or another configuration problem; 1 anything unexpected.
/// </summary>
internal sealed class RunVerb(CliArguments arguments, CliConsole console) : ICliVerb
{
    public const string MissingTokenMessage =
        "No Discord bot token is set, so the bot cannot start. Set Discord:Token: the environment variable Discord__Token, "
        + "or user secrets (dotnet user-secrets set Discord:Token <token> --project src/ReviewBot, read when DOTNET_ENVIRONMENT=Development). "
        + "Answers work without a token: dotnet run --project src/ReviewBot -- ask \"/review metallic-rouge\"";

    public string Name => CliArguments.DefaultVerb;

    public string Usage => "run   (the default: the Discord bot; needs Discord:Token)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var builder = CreateHostBuilder(arguments.ConfigurationArgs);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Discord:Token"]))
        {
            await console.Error.WriteLineAsync(MissingTokenMessage);
            return ExitCodes.Usage;
        }

        return await RunHostAsync(builder.Build(), console, cancellationToken);
    }

    /// <summary>
    /// The bot's host: the same configuration sources as every verb, then one Add per layer. A web
    /// application builder, so the optional HTTP listener (interactions, health, metrics) lives in this
    /// same host; without Http:Listen it opens no socket.
    /// </summary>
    internal static WebApplicationBuilder CreateHostBuilder(string[] configurationArgs)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = configurationArgs,
            // appsettings*.json are copied next to the binary; `dotnet run` starts in the repository root.
            ContentRootPath = AppContext.BaseDirectory,
            // User secrets (Development only) are found through the assembly named here and its
            // UserSecretsId; the default is the entry assembly, which is not ReviewBot under a test host.
            ApplicationName = typeof(RunVerb).Assembly.GetName().Name,
        });
        CliLogging.Configure(builder.Logging, CliArguments.DefaultVerb);
        builder.Services.AddReviewBotCore(builder.Configuration);
        // Hosted services start in this order: the bot (migrations, commands, gateway) first, so the
        // delivery worker and the sources loops never see an unmigrated database.
        builder.Services.AddReviewBotDiscordHost(builder.Configuration);
        builder.Services.AddAnnouncements(builder.Configuration);
        builder.Services.AddReviewSourcesHosting();
        // Kestrel always starts after the services above and stops before them (the web application
        // builder moves it last), so it serves only a bot that is ready and drains before it goes.
        builder.Services.AddHttpEndpoint(builder.Configuration);
        builder.Services.AddReviewBotMetrics(builder.Configuration);
        return builder;
    }

    /// <summary>Starts the host, waits for a stop, and turns how it ended into one message and an exit code.</summary>
    internal static async Task<int> RunHostAsync(IHost host, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            var exit = host.Services.GetRequiredService<BotExitState>();
            var failure = await StartAsync(host, console, cancellationToken);
            if (failure is { } code)
            {
                return code;
            }

            // Returns on Ctrl+C / SIGTERM (cancellationToken or the console lifetime) or when the bot stops itself.
            await host.WaitForShutdownAsync(cancellationToken);
            if (exit.ExitCode is { } exitCode)
            {
                await console.Error.WriteLineAsync(exit.Message);
                return exitCode;
            }

            return ExitCodes.Ok;
        }
        finally
        {
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

    private static async Task<int?> StartAsync(IHost host, CliConsole console, CancellationToken cancellationToken)
    {
        string message;
        int code;
        try
        {
            // Validated here first so a bad setting is one line, not the host's "Hosting failed to start" trace.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync(cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (message, code) = ("Stopped before the bot was connected.", ExitCodes.Ok);
        }
        catch (OptionsValidationException exception)
        {
            (message, code) = ("Configuration error: " + string.Join(" ", exception.Failures), ExitCodes.Usage);
        }
        catch (Exception exception)
        {
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<RunVerb>().LogError(exception, "The bot could not start");
            (message, code) = ("The bot could not start: " + exception.Message, ExitCodes.Failure);
        }

        await console.Error.WriteLineAsync(message);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(stopping.Token);
        }
        catch (Exception)
        {
            // Stopping what half-started is best effort; the message above is what matters.
        }

        return code;
    }
}
