using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Bot;
using ReviewBot.Core.Storage;

namespace ReviewBot.Cli;

/// <summary>
/// <c>run</c> (the default verb): starts the process's host, which Program composed with the bot's
/// layers, and runs it until Ctrl+C / SIGTERM or a fatal Discord answer. Exit codes: 0 clean stop;
/// 2 no token, a rejected token (401 or gateway close 4004) or another configuration problem; 1
/// anything unexpected.
/// </summary>
internal sealed class RunVerb(IHost host, IConfiguration configuration, CliConsole console, ILogger<RunVerb> logger) : ICliVerb
{
    public const string MissingTokenMessage =
        "No Discord bot token is set, so the bot cannot start. Set Discord:Token: the environment variable Discord__Token, "
        + "or user secrets (dotnet user-secrets set Discord:Token <token> --project src/ReviewBot, read when DOTNET_ENVIRONMENT=Development). "
        + "Answers work without a token: dotnet run --project src/ReviewBot -- ask \"/review metallic-rouge\"";

    public string Name => CliArguments.DefaultVerb;

    public string Usage => "run   (the default: the Discord bot; needs Discord:Token)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count > 0)
        {
            // A bot started with words it ignores would run with something other than what was meant.
            await console.Error.WriteLineAsync(
                $"run: unexpected \"{args[0]}\"; run takes no arguments (settings go as --Key=value, e.g. --Duties=delivery).");
            return ExitCodes.Usage;
        }

        if (string.IsNullOrWhiteSpace(configuration["Discord:Token"]))
        {
            await console.Error.WriteLineAsync(MissingTokenMessage);
            return ExitCodes.Usage;
        }

        var failure = await StartAsync(cancellationToken);
        if (failure is { } code)
        {
            return code;
        }

        // Returns on Ctrl+C / SIGTERM (cancellationToken or the console lifetime) or when the bot stops itself.
        await host.WaitForShutdownAsync(cancellationToken);
        // Resolved here, not injected: the other verbs' hosts have no bot layers, yet construct every verb.
        var exit = host.Services.GetRequiredService<BotExitState>();
        if (exit.ExitCode is { } exitCode)
        {
            await console.Error.WriteLineAsync(exit.Message);
            return exitCode;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Starts the host and turns a failure to start into one message and an exit code.</summary>
    private async Task<int?> StartAsync(CancellationToken cancellationToken)
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
        catch (Exception exception) when (host.Services.GetService<BotExitState>() is { ExitCode: { } exitCode, Message: { } reason })
        {
            // The bot stopped the host while it was starting and said why; what failed after that (a
            // listener's start cancelled, "A task was canceled.") is a consequence, not the reason.
            logger.LogDebug(exception, "The host's start ended after the bot had stopped it");
            (message, code) = (reason, exitCode);
        }
        catch (OptionsValidationException exception)
        {
            (message, code) = ("Configuration error: " + string.Join(" ", exception.Failures), ExitCodes.Usage);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // The start's validation throws the failures of several options classes together: still
            // wrong settings (exit 2), not a failure systemd should restart the bot for.
            var failures = exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            (message, code) = ("Configuration error: " + string.Join(" ", failures), ExitCodes.Usage);
        }
        catch (Exception exception) when (DatabaseFailure.From(exception, host.Services.GetRequiredService<SqliteConnectionFactory>().DatabaseFile) is { } database)
        {
            logger.LogDebug(exception, "The bot could not start");
            (message, code) = ("The bot could not start: " + database.Message, database.IsConfiguration ? ExitCodes.Usage : ExitCodes.Failure);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "The bot could not start");
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
