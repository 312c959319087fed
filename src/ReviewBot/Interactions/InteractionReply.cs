using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>How a reply lands: a new message (callback 4), or an edit of the message whose component was used (callback 7).</summary>
public enum ReplyKind
{
    NewMessage,
    UpdateSource,
}

/// <summary>What a command or component handler answers; InitialResponses decides how to deliver it in time.</summary>
public sealed record InteractionReply(MessageRequest Message, ReplyKind Kind = ReplyKind.NewMessage)
{
    public bool IsEphemeral => Message.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral);

    public static InteractionReply From(MessageBuilder message) => new(message.Build());

    public static InteractionReply Update(MessageBuilder message) => new(message.Build(), ReplyKind.UpdateSource);

    /// <summary>A short answer only the invoker sees: errors, confirmations, "which show?".</summary>
    public static InteractionReply Ephemeral(string text) =>
        new(new MessageBuilder().WithContent(text).Ephemeral().Build());
}
