using ReviewBot.Core.Storage;
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
/// <remarks>
/// A reply is either message objects (<see cref="InteractionReply(MessageRequest, ReplyKind)"/>) or a
/// message kept as its JSON (<see cref="FromSerialized"/>: a stored answer), which is sent from its
/// bytes; <see cref="Message"/> decodes those only for the sends that take objects (a late edit).
/// </remarks>
public sealed record InteractionReply
{
    private readonly MessageRequest? _message;

    public InteractionReply(MessageRequest message, ReplyKind kind = ReplyKind.NewMessage)
    {
        _message = message;
        Kind = kind;
    }

    private InteractionReply(SerializedMessage serialized, ReplyKind kind)
    {
        Serialized = serialized;
        Kind = kind;
    }

    public ReplyKind Kind { get; init; }

    /// <summary>The message; for a reply made from its JSON, decoded anew on every read (see <see cref="SerializedMessage.Decode"/>).</summary>
    public MessageRequest Message => _message ?? Serialized!.Decode();

    /// <summary>The message as its JSON when the reply was made from that (a stored answer); null for a reply of message objects.</summary>
    public SerializedMessage? Serialized { get; }

    /// <summary>A reply made from JSON is a public answer (see <see cref="FromSerialized"/>).</summary>
    public bool IsEphemeral => _message?.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral);

    /// <summary>Whether the message uploads files, which some transports cannot carry in a response.</summary>
    public bool HasFiles => (_message?.Files ?? Serialized?.Files) is { Count: > 0 };

    /// <summary>
    /// The callback body already serialised for <see cref="Message"/> (a finished answer kept for
    /// reuse); null to serialise it when it is sent. Used only while it still belongs to this
    /// reply's message and the callback type decided for it (a <c>with</c> copy may change either).
    /// </summary>
    public PreparedCallback? Prepared { get; init; }

    /// <summary>
    /// What the message borrows until it has been sent (rented arrays its JSON or a file is read
    /// into, or its own reference to a kept answer's bytes), or null. Whoever sends the reply disposes
    /// it through <see cref="Release"/> once the request is over, retries included, and only then; a
    /// reply never sent may leave it to the collector; a cache that keeps the reply keeps a copy
    /// (<see cref="OffHeap"/>).
    /// </summary>
    public IRented? Borrowed { get; init; }

    /// <summary>Hands back what <see cref="Message"/> borrowed: call only when nothing will send it again.</summary>
    public void Release() => Borrowed?.Dispose();

    /// <summary>
    /// This reply copied outside the managed heap, for keeping (<see cref="OffHeapBytes"/>): its JSON
    /// (encoded now for a reply of message objects; a kept answer is public) and its files in one block,
    /// and its callback body as <paramref name="type"/> prepared over them. Its <see cref="Borrowed"/> is
    /// the block's first reference, the keeper's, let go when the keeper drops it: readers get
    /// <see cref="TryLeased"/> copies, never this reply itself. What this reply borrowed stays its own.
    /// </summary>
    public InteractionReply OffHeap(InteractionCallbackType type)
    {
        var serialized = Serialized ?? new SerializedMessage(SerializedMessage.Encode(_message!), _message!.Files);
        var files = serialized.Files ?? [];
        var parts = new ReadOnlyMemory<byte>[1 + files.Count];
        parts[0] = serialized.Json;
        for (var i = 0; i < files.Count; i++)
        {
            parts[i + 1] = files[i].Content;
        }

        var places = new Range[parts.Length];
        var bytes = OffHeapBytes.Copy(parts, places);
        var memory = (ReadOnlyMemory<byte>)bytes.Memory;
        var copiedFiles = new FileUpload[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            copiedFiles[i] = files[i] with { Content = memory[places[i + 1]] };
        }

        var copy = new SerializedMessage(memory[places[0]], files.Count == 0 ? null : copiedFiles, serialized.Framing);
        return new InteractionReply(copy, Kind)
        {
            Borrowed = bytes,
            Prepared = new PreparedCallback(type, copy, InteractionCallbackBody.Create(type, copy)),
        };
    }

    /// <summary>
    /// For a reply made by <see cref="OffHeap"/>: the same reply holding a reference of its own to the
    /// bytes, which its sender lets go with <see cref="Release"/>; null when the keeper has let them go already.
    /// </summary>
    public InteractionReply? TryLeased() =>
        Borrowed is OffHeapBytes bytes && bytes.TryLease() is { } lease ? this with { Borrowed = lease } : null;

    /// <summary>
    /// The callback body for this reply sent as <paramref name="type"/>: the one prepared for exactly
    /// that, else for a reply made from JSON the body framed around those bytes (no serialising);
    /// null when the message objects are still to be serialised.
    /// </summary>
    public InteractionCallbackBody? PreparedBodyFor(InteractionCallbackType type)
    {
        if (Prepared is { } prepared && prepared.Type == type && ReferenceEquals(prepared.Content, (object?)_message ?? Serialized))
        {
            return prepared.Body;
        }

        return Serialized is { } serialized ? InteractionCallbackBody.Create(type, serialized) : null;
    }

    /// <summary>
    /// A public reply sent from a message kept as its JSON (never ephemeral: a stored answer is for
    /// everyone). Its bytes must stay as they are until the reply has been sent: <paramref name="borrowed"/>
    /// is what they were read into, handed back then (see <see cref="Borrowed"/>).
    /// </summary>
    public static InteractionReply FromSerialized(SerializedMessage message, ReplyKind kind = ReplyKind.NewMessage, IRented? borrowed = null) =>
        new(message, kind) { Borrowed = borrowed };

    /// <summary>The callback body prepared once for this reply as <paramref name="type"/>, to be kept with it.</summary>
    public PreparedCallback Prepare(InteractionCallbackType type) => Serialized is { } serialized
        ? new PreparedCallback(type, serialized, InteractionCallbackBody.Create(type, serialized))
        : PreparedCallback.Create(type, _message!);

    public static InteractionReply From(MessageBuilder message) => new(message.Build());

    /// <summary>
    /// What ToString shows: never the decoded message of a reply made from JSON, whose bytes may be
    /// back in their pool by then (and decoding them is the cost such a reply avoids).
    /// </summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", ");
        if (Serialized is { } serialized)
        {
            builder.Append("Serialized = ").Append(serialized.Json.Length).Append(" bytes of JSON, ").Append(serialized.Files?.Count ?? 0).Append(" file(s)");
        }
        else
        {
            builder.Append("Message = ").Append(_message);
        }

        return true;
    }

    public static InteractionReply Update(MessageBuilder message) => new(message.Build(), ReplyKind.UpdateSource);

    /// <summary>
    /// This reply as a new message only the invoker sees (callback 4 with flag 64), keeping what it
    /// borrowed, which the new reply now hands back. A reply made from JSON is decoded for it: a stored
    /// answer's bytes are public and carry no flag.
    /// </summary>
    public InteractionReply AsEphemeral()
    {
        if (Kind == ReplyKind.NewMessage && IsEphemeral)
        {
            return this;
        }

        var message = Message;
        return new InteractionReply(message with { Flags = (message.Flags ?? MessageFlags.None) | MessageFlags.Ephemeral }, ReplyKind.NewMessage)
        {
            Borrowed = Borrowed,
        };
    }

    /// <summary>A short answer only the invoker sees: errors, confirmations, "which show?".</summary>
    public static InteractionReply Ephemeral(string text) =>
        new(new MessageBuilder().WithContent(text).Ephemeral().Build());
}

/// <summary>A reply's callback body, serialised once for one message and one callback type.</summary>
/// <param name="Content">What the body was made from: the reply's <see cref="MessageRequest"/> or its <see cref="SerializedMessage"/>.</param>
public sealed record PreparedCallback(InteractionCallbackType Type, object Content, InteractionCallbackBody Body)
{
    /// <summary>The callback type a handler's reply of <paramref name="kind"/> is sent as (see InitialResponses).</summary>
    public static InteractionCallbackType TypeFor(ReplyKind kind, bool isComponent) =>
        isComponent && kind == ReplyKind.UpdateSource ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource;

    public static PreparedCallback Create(InteractionCallbackType type, MessageRequest message) =>
        new(type, message, InteractionCallbackBody.Create(new InteractionResponse(type, message)));
}
