using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

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

    /// <summary>
    /// The callback body already serialised for <see cref="Message"/> (a finished answer kept for
    /// reuse); null to serialise it when it is sent. Used only while it still belongs to this
    /// <see cref="Message"/> and the callback type decided for it (a <c>with</c> copy may change either).
    /// </summary>
    public PreparedCallback? Prepared { get; init; }

    /// <summary>
    /// What <see cref="Message"/> borrows until it has been sent (a rented array one of its files is
    /// read from), or null. Whoever sends the reply disposes it through <see cref="Release"/> once the
    /// request is over, retries included, and only then; a reply never sent may leave it to the collector.
    /// </summary>
    public IDisposable? Borrowed { get; init; }

    /// <summary>Hands back what <see cref="Message"/> borrowed: call only when nothing will send it again.</summary>
    public void Release() => Borrowed?.Dispose();

    /// <summary>The callback body for this reply sent as <paramref name="type"/>, if one was prepared for exactly that.</summary>
    public InteractionCallbackBody? PreparedBodyFor(InteractionCallbackType type) =>
        Prepared is { } prepared && prepared.Type == type && ReferenceEquals(prepared.Message, Message) ? prepared.Body : null;

    public static InteractionReply From(MessageBuilder message) => new(message.Build());

    public static InteractionReply Update(MessageBuilder message) => new(message.Build(), ReplyKind.UpdateSource);

    /// <summary>A short answer only the invoker sees: errors, confirmations, "which show?".</summary>
    public static InteractionReply Ephemeral(string text) =>
        new(new MessageBuilder().WithContent(text).Ephemeral().Build());
}

/// <summary>A reply's callback body, serialised once for one message and one callback type.</summary>
public sealed record PreparedCallback(InteractionCallbackType Type, MessageRequest Message, InteractionCallbackBody Body)
{
    /// <summary>The callback type a handler's reply of <paramref name="kind"/> is sent as (see InitialResponses).</summary>
    public static InteractionCallbackType TypeFor(ReplyKind kind, bool isComponent) =>
        isComponent && kind == ReplyKind.UpdateSource ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource;

    public static PreparedCallback Create(InteractionCallbackType type, MessageRequest message) =>
        new(type, message, InteractionCallbackBody.Create(new InteractionResponse(type, message)));
}
