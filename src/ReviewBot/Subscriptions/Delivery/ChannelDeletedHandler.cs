using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>CHANNEL_DELETE: removes the channel's subscriptions and cancels what waited for it.</summary>
public sealed class ChannelDeletedHandler(SubscriptionStore subscriptions, ILogger<ChannelDeletedHandler> logger) : IGatewayEventHandler<ChannelDeleteEvent>
{
    public async Task HandleAsync(ChannelDeleteEvent deleted, CancellationToken cancellationToken)
    {
        var removed = await subscriptions.RemoveChannelAsync(deleted.Channel.Id.Value, "the channel was deleted", cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} subscriptions of deleted channel {ChannelId}", removed, deleted.Channel.Id);
        }
    }
}
