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

    /// <summary>
    /// Null when the invoker may manage <paramref name="chosen"/>, a channel picked in an option rather
    /// than the one the command was used in. member.permissions are the invoker's in the channel of use
    /// only, and a channel's overwrite can grant Manage Channels there alone; the resolved channel
    /// carries the invoker's permissions in the chosen one. Administrator cannot come from an overwrite,
    /// so it holds everywhere.
    /// </summary>
    public static string? RefusalIn(InteractionContext context, Channel chosen) =>
        ((context.MemberPermissions | (chosen.Permissions ?? Permissions.None)) & Permissions.Administrator) != 0
        || ((chosen.Permissions ?? Permissions.None) & Permissions.ManageChannels) != 0
            ? null
            : $"Sorry, managing review announcements in <#{chosen.Id}> needs the Manage Channels permission there.";
}
