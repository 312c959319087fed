using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Gateway;
using ReviewBot.Duties;
using ReviewBot.Discord.Rest;
using ReviewBot.Interactions;

namespace ReviewBot.Bot;

/// <summary>
/// The bot's lifetime: migrate and seed, register commands once, connect the gateway; stop the
/// application when the gateway ends on its own (a fatal close code such as 4004: reconnecting
/// cannot help, so exit with a message instead of a retry loop).
/// </summary>
public sealed class DiscordBotService(
    DatabaseInitializer startup,
    CommandRegistrar registrar,
    DiscordGateway gateway,
    InteractionResponder responder,
    BotExitState exit,
    SqliteConnectionFactory connections,
    IHostApplicationLifetime lifetime,
    IOptions<DutiesOptions> duties,
    ILogger<DiscordBotService> logger) : IHostedService
{
    private Task _watching = Task.CompletedTask;

    /// <summary>
    /// A failure to start is not thrown to the host (it would log "Hosting failed to start" with a
    /// stack trace): it is recorded as one clear message and exit code, and the application stops.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await startup.EnsureReadyAsync(cancellationToken);
            if (!duties.Value.Gateway)
            {
                // A worker process (delivery, sources): the database is ready, and shards run elsewhere.
                logger.LogInformation("The gateway is not among this process's duties; no shards connect here");
                return;
            }

            await registrar.RegisterAsync(cancellationToken);
            await gateway.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OptionsValidationException exception)
        {
            // A setting found wrong only when it is used (a seed folder that is a file): fixed in the
            // setting, as the ones checked at start are (exit 2, which systemd does not restart).
            var problem = "Configuration error: " + string.Join(" ", exception.Failures);
            logger.LogError("Could not start the bot: {Problem}", problem);
            StopWith(ExitCodes.Usage, problem);
            return;
        }
        catch (DiscordRestException exception) when (exception.Status == HttpStatusCode.Unauthorized)
        {
            StopWith(ExitCodes.Usage, "Discord rejected the bot token (401 Unauthorized). Copy a fresh token from the developer portal (Bot > Reset Token) into Discord:Token.");
            return;
        }
        catch (DiscordRestException exception)
        {
            // Discord's own words name the problem (route template only, never a token); no stack trace needed.
            logger.LogError("Could not start the bot: {Problem}", exception.Message);
            StopWith(ExitCodes.Failure, "The bot could not start: " + exception.Message);
            return;
        }
        catch (Exception exception) when (DatabaseFailure.From(exception, connections.DatabaseFile) is { } database)
        {
            // The same line and exit code the other verbs give for this database: a file that cannot
            // be opened or is not a database is fixed in the setting or the file (exit 2, which systemd
            // does not restart), and the message says which file and what to do, so no trace is logged.
            logger.LogError("Could not start the bot: {Problem}", database.Message);
            logger.LogDebug(exception, "Could not start the bot");
            StopWith(database.IsConfiguration ? ExitCodes.Usage : ExitCodes.Failure, "The bot could not start: " + database.Message);
            return;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not start the bot");
            StopWith(ExitCodes.Failure, "The bot could not start: " + exception.Message);
            return;
        }

        _watching = WatchAsync();
        logger.LogInformation("ReviewBot is connecting to Discord; press Ctrl+C to stop");
    }

    private void StopWith(int exitCode, string message)
    {
        exit.Fail(exitCode, message);
        lifetime.StopApplication();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Closes the shards, then waits for the interactions already taken: their handlers run on
            // (InteractionLifetime) and their answers go out over REST, which needs no gateway.
            await gateway.StopAsync(cancellationToken);

            // Answers still on their way (deferred ones, Discord's answers to callbacks).
            await responder.WhenIdleAsync().WaitAsync(cancellationToken);
        }
        catch (GatewayFatalException)
        {
            // Already reported by WatchAsync.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out, which also cancelled the handlers still running: a
            // stop that took its whole allowance, not a failure of the stop. The gateway's completion
            // waits for its handlers, and one may still block its thread: not waited for either.
            logger.LogWarning("Stopped before every interaction in flight was answered: the shutdown timeout ran out");
            return;
        }

        await _watching;
    }

    private async Task WatchAsync()
    {
        try
        {
            await gateway.Completion;
        }
        catch (GatewayFatalException fatal)
        {
            StopWith(ExitCodes.Usage, fatal.CloseCode == 4004
                ? "Discord rejected the bot token (gateway close 4004). Copy a fresh token from the developer portal (Bot > Reset Token) into Discord:Token."
                : $"Discord closed the gateway with code {fatal.CloseCode}: {fatal.Reason}. Fix the setting it names; reconnecting cannot help.");
        }
        catch (Exception unexpected)
        {
            logger.LogCritical(unexpected, "The gateway stopped unexpectedly");
            StopWith(ExitCodes.Failure, "The Discord gateway stopped unexpectedly: " + unexpected.Message);
        }
    }
}
