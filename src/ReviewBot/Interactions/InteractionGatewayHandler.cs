using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>Takes INTERACTION_CREATE off the gateway (already off the receive loop) and hands it to the responder.</summary>
public sealed class InteractionGatewayHandler(InteractionResponder responder, ILogger<InteractionGatewayHandler> logger) : IGatewayEventHandler
{
    public async Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        if (gatewayEvent is not InteractionCreateEvent created)
        {
            return;
        }

        Interaction interaction;
        try
        {
            interaction = InteractionJson.Parse(created.Data);
        }
        catch (JsonException exception)
        {
            // Without a parsed id and token there is no way to answer; say so loudly.
            logger.LogError(exception, "Could not read an INTERACTION_CREATE on shard {ShardId}", created.ShardId);
            return;
        }

        await responder.RespondAsync(interaction, created.ReceivedTimestamp, cancellationToken);
    }
}
