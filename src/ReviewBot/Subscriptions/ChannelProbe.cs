using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

/// <summary>
/// Proves the bot can post in a channel by posting a short note there (a subscription's
/// confirmation, or "resumed"). Discord's answer is the only reliable permission check: the
/// channel's overwrites are not in the interaction.
/// </summary>
public sealed class ChannelProbe(DiscordRestClient discord)
{
    /// <summary>Null when posted; otherwise what the bot lacks there, in words for the admin.</summary>
    public async Task<string?> PostAsync(SubscriptionTarget target, string text, string forumTitle, CancellationToken cancellationToken)
    {
        var message = new MessageBuilder().WithContent(text).Build();
        try
        {
            if (target.Kind == ChannelKind.Forum)
            {
                await discord.CreateForumThreadAsync(new Snowflake(target.ChannelId), new ForumThreadRequest { Name = forumTitle, Message = message }, cancellationToken);
            }
            else
            {
                await discord.CreateMessageAsync(new Snowflake(target.ChannelId), message, cancellationToken);
            }

            return null;
        }
        catch (DiscordRestException error)
        {
            return ChannelAccessProblem.Describe(error, target.Kind)
                ?? $"Discord refused the message ({(int)error.Status}, code {error.Code}: {error.DiscordMessage})";
        }
    }

    /// <summary>
    /// What the bot lacks in the channel the command was used in, from the interaction's
    /// app_permissions (Discord computes them; Embed Links is only visible this way, since without
    /// it Discord silently drops embeds instead of refusing).
    /// </summary>
    public static IReadOnlyList<string> MissingInCurrentChannel(Permissions? appPermissions, ChannelKind kind)
    {
        if (appPermissions is not { } granted || granted.HasFlag(Permissions.Administrator))
        {
            return [];
        }

        var needed = new List<(Permissions Bit, string Name)> { (Permissions.ViewChannel, "View Channel") };
        if (kind == ChannelKind.Forum)
        {
            needed.Add((Permissions.SendMessages, "Create Posts"));
            needed.Add((Permissions.SendMessagesInThreads, "Send Messages in Posts"));
        }
        else
        {
            needed.Add((Permissions.SendMessages, "Send Messages"));
        }

        needed.Add((Permissions.EmbedLinks, "Embed Links"));
        return needed.Where(n => !granted.HasFlag(n.Bit)).Select(n => n.Name).ToList();
    }
}

