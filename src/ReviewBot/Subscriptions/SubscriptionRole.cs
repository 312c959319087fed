using System.Text.Json;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>
/// The <c>role</c> option of /subscribe: the role every announcement in the channel will ping. The bot
/// sends that ping itself, and it may hold Mention @everyone, @here, and All Roles (a server that wants
/// roles pinged that are not mentionable grants it), so the member's own right to ping the role is
/// checked here: Manage Channels alone must not buy a ping that member could not send.
/// </summary>
internal static class SubscriptionRole
{
    public const string OptionName = "role";

    /// <summary>
    /// The role to mention (null for none), or why not: it must be a role Discord resolved (it resolves
    /// only this server's, so an id it did not is another server's or forged), not @everyone, and, when
    /// the server does not let everyone mention it, the member must be allowed to mention it in
    /// <paramref name="channelId"/>, where the pings will go.
    /// </summary>
    public static (ulong? RoleId, string? Problem) Read(InteractionContext context, ulong guildId, ulong channelId)
    {
        if (context.Option(OptionName) is not { } option)
        {
            return (null, null);
        }

        if (!Snowflake.TryParse(option.GetString(), out var id))
        {
            return (null, UnknownRole);
        }

        if (id.Value == guildId)
        {
            // @everyone's role id is the server's id; announcements never ping everyone.
            return (null, "Announcements can't mention @everyone. Pick a role, or leave the role out.");
        }

        if (context.Interaction.Data?.Resolved?.Roles?.TryGetValue(id.ToString(), out var role) != true || role.ValueKind != JsonValueKind.Object)
        {
            return (null, UnknownRole);
        }

        // Discord docs, Permissions: a role that is not mentionable is pinged only by someone with
        // MENTION_EVERYONE (which Administrator implies) in the channel the message goes to.
        var mentionable = role.TryGetProperty("mentionable", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!mentionable && (SubscriptionAccess.PermissionsIn(context, channelId) & (Permissions.Administrator | Permissions.MentionEveryone)) == 0)
        {
            return (null,
                $"<@&{id}> is not a role everyone may mention: having announcements mention it needs the Mention @everyone, @here, and All Roles permission in <#{channelId}>. Make the role mentionable, or ask someone with that permission. Nothing was saved.");
        }

        return (id.Value, null);
    }

    private const string UnknownRole = "I don't know that role: pick one of this server's roles from the list in the role option.";
}
