namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Receives every typed gateway event (filter with pattern matching). Runs off the receive loop:
/// INTERACTION_CREATE events are handled concurrently; all other events one at a time, in the
/// order the gateway delivered them. An exception is logged and the next event still arrives.
/// </summary>
public interface IGatewayEventHandler
{
    Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken);
}
