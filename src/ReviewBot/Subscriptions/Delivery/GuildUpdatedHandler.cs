using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// GUILD_UPDATE (a server's settings changed): records the server's system channel as it is now, and
/// when the server set one or moved it, tells it there about pauses it has not heard of. A server
/// without a system channel at its GUILD_CREATE learns of its pauses this way once it sets one; the
/// delivery worker's looks leave it out until then.
/// </summary>
public sealed class GuildUpdatedHandler(GuildSystemChannels systemChannels, PauseNotifier notifier) : IGatewayEventHandler<GuildUpdateEvent>
{
    public async Task HandleAsync(GuildUpdateEvent updated, CancellationToken cancellationToken)
    {
        var guildId = updated.GuildId.Value;
        var systemChannel = updated.SystemChannelId?.Value;
        // A name or an icon changes far more often than the system channel: those tell nothing new.
        var changed = !systemChannels.Knows(guildId, out var before) || before != systemChannel;
        systemChannels.Set(guildId, systemChannel);
        if (changed && systemChannel is not null)
        {
            await notifier.NotifyAsync(guildId, cancellationToken);
        }
    }
}
