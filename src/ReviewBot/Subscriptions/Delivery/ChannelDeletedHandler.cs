using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// CHANNEL_DELETE: removes the channel's subscriptions and cancels what waited for it, and when it was
/// its server's system channel, no longer holds it as the place to tell the server about pauses.
/// </summary>
public sealed class ChannelDeletedHandler(
    SubscriptionStore subscriptions,
    GuildSystemChannels systemChannels,
    ILogger<ChannelDeletedHandler> logger) : IGatewayEventHandler<ChannelDeleteEvent>
{
    public async Task HandleAsync(ChannelDeleteEvent deleted, CancellationToken cancellationToken)
    {
        if (deleted.Channel.GuildId is { } guildId)
        {
            systemChannels.ChannelDeleted(guildId.Value, deleted.Channel.Id.Value);
        }

        var removed = await subscriptions.RemoveChannelAsync(deleted.Channel.Id.Value, "the channel was deleted", cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} subscriptions of deleted channel {ChannelId}", removed, deleted.Channel.Id);
        }
    }
}
