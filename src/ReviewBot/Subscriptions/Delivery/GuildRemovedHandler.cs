using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// GUILD_DELETE without "unavailable" (the bot was removed from the server): removes the server's
/// subscriptions. With "unavailable" it is an outage, and nothing changes.
/// </summary>
public sealed class GuildRemovedHandler(
    SubscriptionStore subscriptions,
    GuildSystemChannels systemChannels,
    ILogger<GuildRemovedHandler> logger) : IGatewayEventHandler<GuildDeleteEvent>
{
    public async Task HandleAsync(GuildDeleteEvent deleted, CancellationToken cancellationToken)
    {
        if (deleted.Unavailable)
        {
            return;
        }

        systemChannels.Remove(deleted.GuildId.Value);
        var removed = await subscriptions.RemoveGuildAsync(deleted.GuildId.Value, "the bot was removed from the server", cancellationToken);
        logger.LogInformation("Removed {Count} subscriptions of guild {GuildId}: the bot was removed", removed, deleted.GuildId);
    }
}
