namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Receives every typed gateway event (filter with pattern matching). Runs off the receive loop,
/// several at once, so order between events is not guaranteed. An exception is logged and the
/// next event still arrives.
/// </summary>
public interface IGatewayEventHandler
{
    Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken);
}
