namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Handles one type of gateway event; register with <c>AddGatewayEventHandler&lt;THandler&gt;()</c>
/// and it receives only the events it implements this interface for. Runs off the receive loop:
/// INTERACTION_CREATE events are handled concurrently; all other events one at a time, in the order
/// the gateway delivered them. An exception is logged and the next event still arrives.
/// </summary>
public interface IGatewayEventHandler<in TEvent>
    where TEvent : GatewayEvent
{
    Task HandleAsync(TEvent gatewayEvent, CancellationToken cancellationToken);

    /// <summary>
    /// The same for an INTERACTION_CREATE handler, with the dispatcher's slot it runs in: a handler may
    /// let it go before its task ends (<see cref="GatewayHandlerSlot"/>). Handlers that do not need to
    /// keep the default.
    /// </summary>
    Task HandleAsync(TEvent gatewayEvent, GatewayHandlerSlot slot, CancellationToken cancellationToken) =>
        HandleAsync(gatewayEvent, cancellationToken);
}
