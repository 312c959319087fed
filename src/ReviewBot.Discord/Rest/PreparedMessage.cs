using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A message encoded once to be posted or edited many times, as one announcement is in every subscribed
/// channel: its JSON, and with files the whole multipart/form-data request around it, is built here, and
/// each create adds only its own nonce. Immutable and safe to share between concurrent sends.
/// </summary>
public sealed class PreparedMessage
{
    private PreparedMessage(PreparedBody body) => Body = body;

    internal PreparedBody Body { get; }

    /// <param name="message">Without a nonce: the nonce belongs to each create (see <see cref="DiscordRestClient.CreateMessageAsync(Snowflake, PreparedMessage, string?, CancellationToken)"/>).</param>
    public static PreparedMessage Prepare(MessageRequest message)
    {
        if (message.Nonce is not null || message.EnforceNonce is not null)
        {
            throw new ArgumentException("A prepared message is shared by many sends; give each create its own nonce instead.", nameof(message));
        }

        return new PreparedMessage(PreparedBody.Create(message, DiscordJsonContext.Default.MessageRequest, message.Files));
    }
}

/// <summary>A forum post (title and starter message) encoded once, like <see cref="PreparedMessage"/>; forum posts take no nonce.</summary>
public sealed class PreparedForumThread
{
    private PreparedForumThread(PreparedBody body) => Body = body;

    internal PreparedBody Body { get; }

    public static PreparedForumThread Prepare(ForumThreadRequest thread)
    {
        var body = thread with { Message = thread.Message with { Nonce = null, EnforceNonce = null } };
        return new PreparedForumThread(PreparedBody.Create(body, DiscordJsonContext.Default.ForumThreadRequest, thread.Message.Files));
    }
}
