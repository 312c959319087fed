using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>
/// The server-side check behind default_member_permissions: Discord's setting is a default that a
/// server can override, and a client can lie, so every subscription command checks the member's
/// permissions from the interaction itself.
/// </summary>
internal static class SubscriptionAccess
{
    public const Permissions Required = Permissions.ManageChannels;

    /// <summary>Null when the invoker may manage subscriptions; otherwise the polite refusal.</summary>
    public static string? Refusal(InteractionContext context)
    {
        if (context.Interaction.GuildId is null)
        {
            return "Announcements belong to a server: use this command in one of its channels.";
        }

        return (context.MemberPermissions & (Permissions.Administrator | Permissions.ManageChannels)) != 0
            ? null
            : "Sorry, managing review announcements needs the Manage Channels permission in this server.";
    }
}
