using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord;
using ReviewBot.Interactions;

namespace ReviewBot.Bot;

/// <summary>
/// Registers every slash command once per start with one bulk overwrite (docs: Interactions, Application
/// Commands, "Bulk Overwrite Global Application Commands": PUT replaces the whole scope and is idempotent), in Discord:DevGuildId when set (guild commands update at once), else
/// globally. Never on READY: READY repeats on every reconnect.
/// </summary>
public sealed class CommandRegistrar(
    InteractionRouter router,
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrar> logger)
{
    public IReadOnlyList<ApplicationCommandDefinition> Definitions =>
        router.Commands.Select(c => c.Definition).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var definitions = Definitions;
        if (options.Value.DevGuildId is { } guild)
        {
            await rest.BulkOverwriteGuildCommandsAsync(new Snowflake(guild), definitions, cancellationToken);
            logger.LogInformation("Registered {CommandCount} commands in dev guild {GuildId}", definitions.Count, guild);
        }
        else
        {
            await rest.BulkOverwriteGlobalCommandsAsync(definitions, cancellationToken);
            logger.LogInformation("Registered {CommandCount} global commands", definitions.Count);
        }

        // The id is known by now (registration needed it), so this costs no request; it saves a trip to the portal.
        var applicationId = await rest.GetApplicationIdAsync(cancellationToken);
        logger.LogInformation("Add the bot to a server with {InviteUrl}", BotInvite.Url(applicationId));
        logger.LogInformation("Add it to your own account with {UserInstallUrl}", BotInvite.UserInstallUrl(applicationId));
    }
}
