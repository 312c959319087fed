using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>
    /// POST /channels/{channel_id}/messages. Give a <see cref="MessageRequest.Nonce"/> with
    /// <see cref="MessageRequest.EnforceNonce"/> so a retry after a timeout returns the message
    /// already posted instead of posting it twice.
    /// </summary>
    public Task<Message> CreateMessageAsync(Snowflake channelId, MessageRequest message, CancellationToken cancellationToken = default)
    {
        if (message.Nonce is { Length: > 25 })
        {
            throw new ArgumentException("A message nonce holds at most 25 characters.", nameof(message));
        }

        var route = RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{channelId}/messages", $"channel:{channelId}");
        return SendAsync(route, message, DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>PATCH /channels/{channel_id}/messages/{message_id}: fields left null stay as they are.</summary>
    public Task<Message> EditMessageAsync(Snowflake channelId, Snowflake messageId, MessageRequest message, CancellationToken cancellationToken = default)
    {
        var route = RestRoute.Create(
            HttpMethod.Patch,
            "/channels/{channel_id}/messages/{message_id}",
            $"/channels/{channelId}/messages/{messageId}",
            $"channel:{channelId}");
        return SendAsync(route, WithoutNonce(message), DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>POST /channels/{channel_id}/threads in a forum (or media) channel: a new post with its starter message.</summary>
    public Task<Channel> CreateForumThreadAsync(Snowflake channelId, ForumThreadRequest thread, CancellationToken cancellationToken = default)
    {
        // Start-thread-in-forum takes no nonce: a resend after a lost answer could post twice.
        var route = RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/threads", $"/channels/{channelId}/threads", $"channel:{channelId}")
            with { ResendWithoutAnswer = false };
        var body = thread with { Message = WithoutNonce(thread.Message) };
        return SendAsync(route, body, DiscordJsonContext.Default.ForumThreadRequest, thread.Message.Files, DiscordJsonContext.Default.Channel, cancellationToken);
    }
}
