using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Interactions;

/// <summary>Takes INTERACTION_CREATE off the gateway (already off the receive loop, already read) and hands it to the responder.</summary>
public sealed class InteractionGatewayHandler(InteractionResponder responder) : IGatewayEventHandler<InteractionCreateEvent>
{
    public Task HandleAsync(InteractionCreateEvent created, CancellationToken cancellationToken) =>
        responder.RespondAsync(created.Interaction, created.ReceivedTimestamp, slot: null, cancellationToken);

    /// <summary>With the dispatcher's slot, which the responder lets go once a defer is out, though the handler may still block its thread.</summary>
    public Task HandleAsync(InteractionCreateEvent created, GatewayHandlerSlot slot, CancellationToken cancellationToken) =>
        responder.RespondAsync(created.Interaction, created.ReceivedTimestamp, slot, cancellationToken);
}
