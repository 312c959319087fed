using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Interactions;

/// <summary>Takes INTERACTION_CREATE off the gateway (already off the receive loop, already read) and hands it to the responder.</summary>
public sealed class InteractionGatewayHandler(InteractionResponder responder) : IGatewayEventHandler<InteractionCreateEvent>
{
    public Task HandleAsync(InteractionCreateEvent created, CancellationToken cancellationToken) =>
        responder.RespondAsync(created.Interaction, created.ReceivedTimestamp, cancellationToken);
}
