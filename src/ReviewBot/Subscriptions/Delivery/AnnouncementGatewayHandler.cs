using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Keeps subscriptions in step with the server: CHANNEL_DELETE removes the channel's subscriptions,
/// GUILD_DELETE without "unavailable" (the bot was removed) removes the server's, and GUILD_CREATE
/// records the system channel, tells the server about pauses it has not heard of, and drops
/// subscriptions to channels deleted while the bot was offline.
/// </summary>
public sealed class AnnouncementGatewayHandler(
    SubscriptionStore subscriptions,
    GuildSystemChannels systemChannels,
    PauseNotifier notifier,
    ILogger<AnnouncementGatewayHandler> logger) : IGatewayEventHandler
{
    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken) =>
        gatewayEvent switch
        {
            GuildCreateEvent { Guild.Unavailable: not true } created => OnGuildCreateAsync(created, cancellationToken),
            GuildDeleteEvent { Unavailable: false } deleted => OnGuildRemovedAsync(deleted, cancellationToken),
            ChannelDeleteEvent deleted => OnChannelDeleteAsync(deleted, cancellationToken),
            _ => Task.CompletedTask,
        };

    private async Task OnGuildCreateAsync(GuildCreateEvent created, CancellationToken cancellationToken)
    {
        var guildId = created.Guild.Id.Value;
        systemChannels.Set(guildId, created.Guild.SystemChannelId?.Value);
        if (created.Guild.Channels is { Count: > 0 } channels)
        {
            var existing = channels.Select(c => c.Id.Value).ToHashSet();
            foreach (var gone in (await subscriptions.ListAsync(guildId, cancellationToken)).Select(s => s.Subscription.ChannelId).Distinct().Where(c => !existing.Contains(c)))
            {
                var removed = await subscriptions.RemoveChannelAsync(gone, "the channel was deleted while the bot was offline", cancellationToken);
                logger.LogInformation("Removed {Count} subscriptions of {ChannelId} in guild {GuildId}: the channel no longer exists", removed, gone, guildId);
            }
        }

        await notifier.NotifyAsync(guildId, cancellationToken);
    }

    private async Task OnGuildRemovedAsync(GuildDeleteEvent deleted, CancellationToken cancellationToken)
    {
        systemChannels.Remove(deleted.GuildId.Value);
        var removed = await subscriptions.RemoveGuildAsync(deleted.GuildId.Value, "the bot was removed from the server", cancellationToken);
        logger.LogInformation("Removed {Count} subscriptions of guild {GuildId}: the bot was removed", removed, deleted.GuildId);
    }

    private async Task OnChannelDeleteAsync(ChannelDeleteEvent deleted, CancellationToken cancellationToken)
    {
        var removed = await subscriptions.RemoveChannelAsync(deleted.Channel.Id.Value, "the channel was deleted", cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} subscriptions of deleted channel {ChannelId}", removed, deleted.Channel.Id);
        }
    }
}
