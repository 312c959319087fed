using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Drains the bounded event queue and runs the handlers, at most <c>maxConcurrency</c> at a time,
/// so a slow handler delays neither heartbeats nor the next interaction (style: handlers off the
/// receive loop).
/// </summary>
internal sealed class GatewayEventDispatcher(
    IReadOnlyList<IGatewayEventHandler> handlers,
    int maxConcurrency,
    ILogger logger)
{
    public async Task RunAsync(ChannelReader<GatewayEvent> events, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var running = new HashSet<Task>();
        try
        {
            await foreach (var gatewayEvent in events.ReadAllAsync(cancellationToken))
            {
                foreach (var handler in handlers)
                {
                    await slots.WaitAsync(cancellationToken);
                    var task = RunHandlerAsync(handler, gatewayEvent, slots, cancellationToken);
                    running.Add(task);
                    running.RemoveWhere(t => t.IsCompleted);
                }
            }
        }
        finally
        {
            // RunHandlerAsync never throws, so this only waits for handlers still running.
            await Task.WhenAll(running);
        }
    }

    private async Task RunHandlerAsync(IGatewayEventHandler handler, GatewayEvent gatewayEvent, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await handler.HandleAsync(gatewayEvent, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the handler was told to stop.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Gateway event handler {Handler} failed on {EventType} from shard {ShardId}", handler.GetType().Name, gatewayEvent.GetType().Name, gatewayEvent.ShardId);
        }
        finally
        {
            slots.Release();
        }
    }
}
