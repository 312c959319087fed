using System.Net;
using Microsoft.Extensions.Logging;
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
public sealed class ChannelProbe(DiscordRestClient discord, ILogger<ChannelProbe> logger)
{
    /// <summary>Null when posted; otherwise what the bot lacks there, in words for the admin.</summary>
    public async Task<string?> PostAsync(SubscriptionTarget target, string text, string forumTitle, CancellationToken cancellationToken) =>
        (await PostNoteAsync(target, text, forumTitle, cancellationToken)).Problem;

    /// <summary>
    /// The note where it was posted, so that it can be taken back (<see cref="TryDeleteAsync"/>); or,
    /// when Discord refused it, what the bot lacks there, in words for the admin.
    /// </summary>
    public async Task<(PostedNote? Note, string? Problem)> PostNoteAsync(SubscriptionTarget target, string text, string forumTitle, CancellationToken cancellationToken)
    {
        var message = new MessageBuilder().WithContent(text).Build();
        try
        {
            if (target.Kind == ChannelKind.Forum)
            {
                var post = await discord.CreateForumThreadAsync(new Snowflake(target.ChannelId), new ForumThreadRequest { Name = forumTitle, Message = message }, cancellationToken);

                // A post's starter message has the post's id.
                return (new PostedNote(post.Id.Value, post.Id.Value, IsForumPost: true), null);
            }

            var posted = await discord.CreateMessageAsync(new Snowflake(target.ChannelId), message, cancellationToken);
            return (new PostedNote(posted.ChannelId.Value, posted.Id.Value, IsForumPost: false), null);
        }
        catch (DiscordRestException error)
        {
            return (null, ChannelAccessProblem.Describe(error, target.Kind)
                ?? $"Discord refused the message ({(int)error.Status}, code {error.Code}: {error.DiscordMessage})");
        }
    }

    /// <summary>
    /// Takes a posted note back: its message, or its whole forum post. Deleting a post needs Manage
    /// Threads, which the bot may lack, so then its message is deleted instead and the post, with only
    /// its title, stays. True when nothing of the note is left; a failure is logged, never thrown.
    /// </summary>
    public async Task<bool> TryDeleteAsync(PostedNote note, CancellationToken cancellationToken)
    {
        if (note.IsForumPost && await TryAsync(note, static (rest, n, ct) => rest.DeleteChannelAsync(new Snowflake(n.ChannelId), ct), cancellationToken))
        {
            return true;
        }

        return await TryAsync(note, static (rest, n, ct) => rest.DeleteMessageAsync(new Snowflake(n.ChannelId), new Snowflake(n.MessageId), ct), cancellationToken)
            && !note.IsForumPost;
    }

    /// <summary>
    /// Takes back a note that announces what was not saved (<see cref="TryDeleteAsync"/>) and returns what
    /// the member is told: <paramref name="why"/>, then that the note is gone or is theirs to delete.
    /// </summary>
    public async Task<string> TakeBackAsync(PostedNote note, SubscriptionTarget target, string why, CancellationToken cancellationToken)
    {
        var deleted = await TryDeleteAsync(note, cancellationToken);
        var where = note.IsForumPost ? $"The post I made in {target.Mention}" : $"The note I posted in {target.Mention}";
        return deleted ? $"{why} {where} was removed." : $"{why} {where} could not be removed; please delete it.";
    }

    /// <summary>One delete: true when it is done, or was already (404: deleted by someone, or by this delete before its answer was lost).</summary>
    private async Task<bool> TryAsync(PostedNote note, Func<DiscordRestClient, PostedNote, CancellationToken, Task> delete, CancellationToken cancellationToken)
    {
        try
        {
            await delete(discord, note, cancellationToken);
            return true;
        }
        catch (DiscordRestException error) when (error.Status == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Best effort: whoever took the note back says what is left of it.
            logger.LogWarning(error, "Could not delete the note {MessageId} (a forum post: {IsForumPost}) in {ChannelId}", note.MessageId, note.IsForumPost, note.ChannelId);
            return false;
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

/// <summary>A note the bot posted: a message in a channel, or a forum post (a thread whose starter message has its id).</summary>
public sealed record PostedNote(ulong ChannelId, ulong MessageId, bool IsForumPost);
