using System.Net;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Turns Discord's refusal to post in a channel into words an admin can act on: which permission
/// the bot lacks there. Null when the error is not about access to the channel.
/// </summary>
public static class ChannelAccessProblem
{
    public const int UnknownChannel = 10003;
    public const int MissingAccess = 50001;
    public const int CannotSendInNonTextChannel = 50008;
    public const int MissingPermissions = 50013;
    public const int ThreadLocked = 160005;

    /// <summary>What the bot needs in a channel of this kind, in Discord's own permission names.</summary>
    public static string Required(ChannelKind kind) =>
        kind == ChannelKind.Forum
            ? "View Channel, Create Posts, Send Messages in Posts and Embed Links"
            : "View Channel, Send Messages and Embed Links";

    public static string? Describe(DiscordRestException error, ChannelKind kind) =>
        (error.Status, error.Code) switch
        {
            (HttpStatusCode.Forbidden, MissingAccess) =>
                "the bot cannot see the channel (Discord: Missing Access); give it View Channel there",
            (HttpStatusCode.Forbidden, MissingPermissions) => kind == ChannelKind.Forum
                ? "the bot lacks a permission there (Discord: Missing Permissions); give it Create Posts and Send Messages in Posts"
                : "the bot lacks a permission there (Discord: Missing Permissions); give it Send Messages",
            (HttpStatusCode.Forbidden, ThreadLocked) => "the post is locked (Discord: Thread Locked)",
            (_, CannotSendInNonTextChannel) => "the channel does not take messages (Discord: Cannot send messages in a non-text channel)",
            (HttpStatusCode.NotFound, UnknownChannel) => "the channel no longer exists (Discord: Unknown Channel)",
            (HttpStatusCode.Forbidden, _) => $"Discord refused the bot there (403, code {error.Code}: {error.DiscordMessage})",
            _ => null,
        };
}
