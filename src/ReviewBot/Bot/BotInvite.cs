using System.Globalization;
using ReviewBot.Discord.Models;

namespace ReviewBot.Bot;

/// <summary>
/// The install link a server admin opens to add the bot: scopes <c>bot applications.commands</c>
/// and only the permissions the bot uses. Answers to slash commands need none (they go through the
/// interaction webhook); announcements need the four below.
/// </summary>
public static class BotInvite
{
    /// <summary>
    /// View Channel (1 &lt;&lt; 10) and Send Messages (1 &lt;&lt; 11, "Create Posts" in a forum) to post
    /// announcements; Send Messages in Threads (1 &lt;&lt; 38) for forum posts and thread channels; Embed Links
    /// (1 &lt;&lt; 14), without which Discord silently drops embeds. Not Mention Everyone: the only ping is a
    /// subscription's role, which the server makes mentionable. Not Read Message History or Create Public
    /// Threads: editing its own messages and starting a forum post need neither. Sum: 274877926400.
    /// </summary>
    public const Permissions Required =
        Permissions.ViewChannel | Permissions.SendMessages | Permissions.SendMessagesInThreads | Permissions.EmbedLinks;

    public static string Url(Snowflake applicationId) => string.Create(
        CultureInfo.InvariantCulture,
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&scope=bot+applications.commands&permissions={(ulong)Required}");

    /// <summary>
    /// The link a person opens to add the bot to their own account (integration_type 1, docs: OAuth2,
    /// "Authorization URL"): only <c>applications.commands</c>, since a user install has no bot user
    /// and no permissions; answers still go through the interaction webhook. The application must
    /// have User Install ticked in the portal's Installation page.
    /// </summary>
    public static string UserInstallUrl(Snowflake applicationId) => string.Create(
        CultureInfo.InvariantCulture,
        $"https://discord.com/oauth2/authorize?client_id={applicationId}&integration_type=1&scope=applications.commands");
}
