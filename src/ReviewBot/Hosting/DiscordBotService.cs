using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Cli;
using ReviewBot.Core;
using ReviewBot.Discord.Gateway;

namespace ReviewBot.Hosting;

/// <summary>
/// The bot's lifetime: migrate and seed, register commands once, connect the gateway; stop the
/// application when the gateway ends on its own (a fatal close code such as 4004: reconnecting
/// cannot help, so exit with a message instead of a retry loop).
/// </summary>
public sealed class DiscordBotService(
    CoreStartup startup,
    CommandRegistrar registrar,
    DiscordGateway gateway,
    BotExitState exit,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordBotService> logger) : IHostedService
{
    private Task _watching = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await startup.EnsureReadyAsync(cancellationToken);
        await registrar.RegisterAsync(cancellationToken);
        await gateway.StartAsync(cancellationToken);
        _watching = WatchAsync();
        logger.LogInformation("ReviewBot is connecting to Discord; press Ctrl+C to stop");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await gateway.StopAsync(cancellationToken);
        }
        catch (GatewayFatalException)
        {
            // Already reported by WatchAsync.
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
            exit.Fail(ExitCodes.Usage, fatal.CloseCode == 4004
                ? "Discord rejected the bot token (gateway close 4004). Copy a fresh token from the developer portal (Bot > Reset Token) into Discord:Token."
                : $"Discord closed the gateway with code {fatal.CloseCode}: {fatal.Reason}. Fix the setting it names; reconnecting cannot help.");
            lifetime.StopApplication();
        }
        catch (Exception unexpected)
        {
            logger.LogCritical(unexpected, "The gateway stopped unexpectedly");
            exit.Fail(ExitCodes.Failure, "The Discord gateway stopped unexpectedly: " + unexpected.Message);
            lifetime.StopApplication();
        }
    }
}
