using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Interactions;

/// <summary>
/// Takes INTERACTION_CREATE off the gateway (already off the receive loop, already read) and hands it to
/// the responder. The gateway's own token is cancelled the moment the bot starts to stop; the answer runs
/// under <see cref="InteractionLifetime"/> instead, so an interaction already taken is still answered.
/// </summary>
public sealed class InteractionGatewayHandler(InteractionResponder responder, InteractionLifetime lifetime) : IGatewayEventHandler<InteractionCreateEvent>
{
    public Task HandleAsync(InteractionCreateEvent created, CancellationToken cancellationToken) =>
        responder.RespondAsync(created.Interaction, created.ReceivedTimestamp, slot: null, lifetime.Stopped);

    /// <summary>With the dispatcher's slot, which the responder lets go once a defer is out, though the handler may still block its thread.</summary>
    public Task HandleAsync(InteractionCreateEvent created, GatewayHandlerSlot slot, CancellationToken cancellationToken) =>
        responder.RespondAsync(created.Interaction, created.ReceivedTimestamp, slot, lifetime.Stopped);
}
