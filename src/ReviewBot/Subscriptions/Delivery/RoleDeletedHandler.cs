using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>GUILD_ROLE_DELETE: subscriptions that mentioned the role go on without a mention.</summary>
public sealed class RoleDeletedHandler(SubscriptionStore subscriptions, ILogger<RoleDeletedHandler> logger) : IGatewayEventHandler<GuildRoleDeleteEvent>
{
    public async Task HandleAsync(GuildRoleDeleteEvent deleted, CancellationToken cancellationToken)
    {
        var changed = await subscriptions.ForgetRoleAsync(deleted.GuildId.Value, deleted.RoleId.Value, cancellationToken);
        if (changed > 0)
        {
            logger.LogInformation("Role {RoleId} of guild {GuildId} was deleted; {Count} subscriptions no longer mention it", deleted.RoleId, deleted.GuildId, changed);
        }
    }
}
