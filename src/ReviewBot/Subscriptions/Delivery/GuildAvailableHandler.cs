using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// GUILD_CREATE (each server, on every connect): records the server's system channel, tells the
/// server about pauses it has not heard of, drops subscriptions to channels deleted while the bot
/// was offline, and the mention of roles deleted meanwhile. An unavailable server (an outage) says
/// nothing about its channels and roles and is skipped.
/// </summary>
public sealed class GuildAvailableHandler(
    SubscriptionStore subscriptions,
    GuildSystemChannels systemChannels,
    PauseNotifier notifier,
    ILogger<GuildAvailableHandler> logger) : IGatewayEventHandler<GuildCreateEvent>
{
    public async Task HandleAsync(GuildCreateEvent created, CancellationToken cancellationToken)
    {
        if (created.Guild.Unavailable == true)
        {
            return;
        }

        var guildId = created.Guild.Id.Value;
        systemChannels.Set(guildId, created.Guild.SystemChannelId?.Value);
        var hasChannels = created.Guild.Channels is { Count: > 0 };
        // Every server has its @everyone role, so a list without any is one Discord did not send.
        var hasRoles = created.Guild.Roles is { Count: > 0 };
        if (!hasChannels && !hasRoles)
        {
            await notifier.NotifyAsync(guildId, cancellationToken);
            return;
        }

        // Read once for both checks: this runs for every server on every connect.
        var listed = (await subscriptions.ListAsync(guildId, cancellationToken)).Select(s => s.Subscription).ToList();
        if (hasChannels)
        {
            var existing = created.Guild.Channels!.Select(c => c.Id.Value).ToHashSet();
            foreach (var gone in listed.Select(s => s.ChannelId).Distinct().Where(c => !existing.Contains(c)).ToList())
            {
                var removed = await subscriptions.RemoveChannelAsync(gone, "the channel was deleted while the bot was offline", cancellationToken);
                listed.RemoveAll(s => s.ChannelId == gone);
                logger.LogInformation("Removed {Count} subscriptions of {ChannelId} in guild {GuildId}: the channel no longer exists", removed, gone, guildId);
            }
        }

        if (hasRoles)
        {
            var existing = created.Guild.Roles!.Select(r => r.Id.Value).ToHashSet();
            foreach (var gone in listed.Select(s => s.RoleId).OfType<ulong>().Distinct().Where(r => !existing.Contains(r)))
            {
                var changed = await subscriptions.ForgetRoleAsync(guildId, gone, cancellationToken);
                logger.LogInformation("Role {RoleId} of guild {GuildId} no longer exists; {Count} subscriptions no longer mention it", gone, guildId, changed);
            }
        }

        await notifier.NotifyAsync(guildId, cancellationToken);
    }
}
