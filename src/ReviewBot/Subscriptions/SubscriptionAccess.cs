using ReviewBot.Core.Subscriptions;
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
    /// Null when the invoker may manage the subscriptions of <paramref name="channelId"/> from where the
    /// interaction came, for a request that names no channel Discord resolved (a button carries only an
    /// id). member.permissions hold for the channel of use alone (a thread's are its parent's, which it
    /// inherits), so Manage Channels counts only when that is the channel, or a post or thread in it;
    /// elsewhere only Administrator, which holds everywhere, does.
    /// </summary>
    public static string? RefusalFor(InteractionContext context, ulong channelId, ChannelKind kind)
    {
        if (Refusal(context) is { } refusal)
        {
            return refusal;
        }

        var interaction = context.Interaction;
        var parent = interaction.Channel is { Type: ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread, ParentId: { } p }
            ? p.Value
            : (ulong?)null;
        if ((context.MemberPermissions & Permissions.Administrator) != 0 || interaction.ChannelId?.Value == channelId || parent == channelId)
        {
            return null;
        }

        var where = kind == ChannelKind.Forum ? $"in one of <#{channelId}>'s posts" : $"in <#{channelId}>";
        return $"Sorry, I can only check your permissions in the channel you use me in: to resume announcements in <#{channelId}>, run /subscriptions {where} and press Resume there.";
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

    /// <summary>
    /// The member's permissions in <paramref name="channelId"/>: member.permissions hold for the channel of
    /// use only, a chosen channel's come resolved with it; Administrator holds everywhere.
    /// </summary>
    public static Permissions PermissionsIn(InteractionContext context, ulong channelId)
    {
        var interaction = context.Interaction;
        var member = context.MemberPermissions;
        if ((member & Permissions.Administrator) != 0 || interaction.ChannelId?.Value == channelId)
        {
            return member;
        }

        return interaction.Data?.Resolved?.Channels?.TryGetValue(channelId.ToString(), out var chosen) == true
            ? chosen.Permissions ?? Permissions.None
            : Permissions.None;
    }
}
