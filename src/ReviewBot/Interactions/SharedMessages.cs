namespace ReviewBot.Interactions;

/// <summary>
/// Who may change a public message through its components. An answer's Previous/Next and "Whole
/// review" buttons are seen by the whole channel; had every press updated the message (callback 7),
/// any member could take the page away from the one who asked and from everyone reading it. So a
/// press by anyone but the member who asked gets the page they pressed for as an ephemeral message of
/// their own (callback 4, flag 64), and the public message stays as it is. A handler whose message
/// shows what all members did (a community rating) says so (<see cref="IComponentHandler.AnyMemberMayUpdate"/>).
/// </summary>
public static class SharedMessages
{
    public static Task<InteractionReply> HandleAsync(IComponentHandler handler, InteractionContext context, string argument, CancellationToken cancellationToken) =>
        handler.AnyMemberMayUpdate || context.PressedByMessageOwner
            ? handler.HandleAsync(context, argument, cancellationToken)
            : ForAnotherMemberAsync(handler, context, argument, cancellationToken);

    private static async Task<InteractionReply> ForAnotherMemberAsync(IComponentHandler handler, InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var reply = await handler.HandleAsync(context, argument, cancellationToken);
        return reply.Kind == ReplyKind.UpdateSource ? reply.AsEphemeral() : reply;
    }
}
