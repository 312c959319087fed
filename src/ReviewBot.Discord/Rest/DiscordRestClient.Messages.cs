using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>Discord allows at most 25 characters in a message nonce.</summary>
    private const int MaxNonceLength = 25;

    /// <summary>
    /// POST /channels/{channel_id}/messages. A <see cref="MessageRequest.Nonce"/> given with
    /// <see cref="MessageRequest.EnforceNonce"/> makes every create of the same message return the one
    /// already posted (an announcement resent after a crash); without one, the create gets a nonce of
    /// its own, enforced, so that this call's resends after an answer lost to a timeout or a 502/504
    /// return the message it posted instead of posting it again (docs: Resources, Message, Create
    /// Message: a nonce checked for uniqueness "in the past few minutes").
    /// </summary>
    public Task<Message> CreateMessageAsync(Snowflake channelId, MessageRequest message, CancellationToken cancellationToken = default)
    {
        CheckNonce(message.Nonce);
        if (message.Nonce is null)
        {
            message = message with { Nonce = OwnNonce(), EnforceNonce = true };
        }

        return SendAsync(CreateMessageRoute(channelId), message, DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>
    /// POST /channels/{channel_id}/messages with a message encoded once for many channels; the
    /// <paramref name="nonce"/> (sent with enforce_nonce) is this create's own, and one is made for it
    /// when null, as above. Returns only where the message is: the echoed embeds and components are not read.
    /// </summary>
    public async Task<PostedMessage> CreateMessageAsync(Snowflake channelId, PreparedMessage message, string? nonce, CancellationToken cancellationToken = default)
    {
        CheckNonce(nonce);
        var route = CreateMessageRoute(channelId);
        var body = message.Body.WithNonce(nonce ?? OwnNonce());
        return Deserialize(route, await SendAsync(route, body, cancellationToken, message.Body.ContentType), DiscordJsonContext.Default.PostedMessage);
    }

    /// <summary>PATCH /channels/{channel_id}/messages/{message_id}: fields left null stay as they are.</summary>
    public Task<Message> EditMessageAsync(Snowflake channelId, Snowflake messageId, MessageRequest message, CancellationToken cancellationToken = default) =>
        SendAsync(EditMessageRoute(channelId, messageId), WithoutNonce(message), DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);

    /// <summary>PATCH /channels/{channel_id}/messages/{message_id} with a message encoded once for many edits.</summary>
    public async Task<PostedMessage> EditMessageAsync(Snowflake channelId, Snowflake messageId, PreparedMessage message, CancellationToken cancellationToken = default)
    {
        var route = EditMessageRoute(channelId, messageId);
        return Deserialize(route, await SendAsync(route, message.Body.Build(), cancellationToken, message.Body.ContentType), DiscordJsonContext.Default.PostedMessage);
    }

    /// <summary>
    /// DELETE /channels/{channel_id}/messages/{message_id} (a message of the bot's own needs no
    /// permission). Resent after a lost answer like every DELETE: the resend's 404 Unknown Message means
    /// the lost try deleted it, and the call succeeds; a 404 at the first try is the caller's to read as gone.
    /// </summary>
    public async Task DeleteMessageAsync(Snowflake channelId, Snowflake messageId, CancellationToken cancellationToken = default) =>
        await SendAsync(
            RestRoute.Create(HttpMethod.Delete, "/channels/{channel_id}/messages/{message_id}", $"/channels/{channelId}/messages/{messageId}", $"channel:{channelId}")
                with { NotFoundAfterResendIsDone = true },
            null,
            cancellationToken);

    /// <summary>
    /// DELETE /channels/{channel_id}: deletes a channel, or a thread such as a forum post with its
    /// messages (docs: Resources, Channel, "Delete/Close Channel": a thread needs Manage Threads).
    /// Returns the deleted channel.
    /// </summary>
    public Task<Channel> DeleteChannelAsync(Snowflake channelId, CancellationToken cancellationToken = default) =>
        SendAsync(
            RestRoute.Create(HttpMethod.Delete, "/channels/{channel_id}", $"/channels/{channelId}", $"channel:{channelId}"),
            DiscordJsonContext.Default.Channel,
            cancellationToken);

    /// <summary>POST /channels/{channel_id}/threads in a forum (or media) channel: a new post with its starter message.</summary>
    public Task<Channel> CreateForumThreadAsync(Snowflake channelId, ForumThreadRequest thread, CancellationToken cancellationToken = default)
    {
        var body = thread with { Message = WithoutNonce(thread.Message) };
        return SendAsync(CreateForumThreadRoute(channelId), body, DiscordJsonContext.Default.ForumThreadRequest, thread.Message.Files, DiscordJsonContext.Default.Channel, cancellationToken);
    }

    /// <summary>POST /channels/{channel_id}/threads with a post encoded once for many forums.</summary>
    public async Task<Channel> CreateForumThreadAsync(Snowflake channelId, PreparedForumThread thread, CancellationToken cancellationToken = default)
    {
        var route = CreateForumThreadRoute(channelId);
        return Deserialize(route, await SendAsync(route, thread.Body.Build(), cancellationToken, thread.Body.ContentType), DiscordJsonContext.Default.Channel);
    }

    /// <summary>A nonce for one create and its resends: "rq" and 22 random hex digits, never an announcement's ("rb…").</summary>
    private static string OwnNonce() => "rq" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(11));

    private static void CheckNonce(string? nonce)
    {
        if (nonce is { Length: > MaxNonceLength })
        {
            throw new ArgumentException($"A message nonce holds at most {MaxNonceLength} characters.", nameof(nonce));
        }
    }

    // Every create on this route carries a nonce with enforce_nonce (see CreateMessageAsync), so a
    // resend after a lost answer returns the message already posted instead of posting it again.
    private static RestRoute CreateMessageRoute(Snowflake channelId) =>
        RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", $"/channels/{channelId}/messages", $"channel:{channelId}")
            with { ResendWithoutAnswer = true };

    private static RestRoute EditMessageRoute(Snowflake channelId, Snowflake messageId) =>
        RestRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", $"/channels/{channelId}/messages/{messageId}", $"channel:{channelId}");

    // Start-thread-in-forum takes no nonce: a resend after a lost answer could post twice, so it is
    // never resent (a POST's default).
    private static RestRoute CreateForumThreadRoute(Snowflake channelId) =>
        RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/threads", $"/channels/{channelId}/threads", $"channel:{channelId}");
}
