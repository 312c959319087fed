using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Threading;

namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Drains the bounded event queue off the receive loop (so heartbeats never wait for a handler) in
/// two lanes: INTERACTION_CREATE runs concurrently, up to <c>maxConcurrency</c> handlers at once,
/// because Discord wants an answer within 3 s; every other event (READY, GUILD_CREATE,
/// CHANNEL_DELETE, ...) runs one at a time in arrival order, since their meaning depends on order.
/// </summary>
internal sealed class GatewayEventDispatcher(
    GatewayEventHandlers handlers,
    int maxConcurrency,
    int orderedCapacity,
    ILogger logger)
{
    /// <summary>Runs until <paramref name="events"/> completes; <paramref name="cancellationToken"/> only reaches the handlers (shutdown), it never drops queued events or throws.</summary>
    public async Task RunAsync(ChannelReader<GatewayEvent> events, CancellationToken cancellationToken)
    {
        // Bounded too, so a stuck guild handler ends in back-pressure rather than unbounded memory.
        var ordered = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(orderedCapacity) { SingleReader = true, SingleWriter = true });
        var orderedLane = RunOrderedAsync(ordered.Reader, cancellationToken);
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var keptSlots = new ConcurrentQueue<GatewayHandlerSlot>();
        var running = new HashSet<Task>();
        try
        {
            await foreach (var gatewayEvent in events.ReadAllAsync(CancellationToken.None))
            {
                if (gatewayEvent is not InteractionCreateEvent)
                {
                    await ordered.Writer.WriteAsync(gatewayEvent, CancellationToken.None);
                    continue;
                }

                foreach (var handler in handlers.For(gatewayEvent))
                {
                    await slots.WaitAsync(CancellationToken.None);
                    running.RemoveWhere(t => t.IsCompleted);
                    running.Add(RunHandlerAsync(handler, gatewayEvent, GatewayHandlerSlot.Taken(slots, keptSlots), cancellationToken));
                }
            }
        }
        finally
        {
            ordered.Writer.TryComplete();

            // RunHandlerAsync never throws, so these only wait for handlers still running.
            await orderedLane;
            await Task.WhenAll(running);
        }
    }

    private async Task RunOrderedAsync(ChannelReader<GatewayEvent> events, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (await events.WaitToReadAsync(CancellationToken.None))
        {
            while (events.TryRead(out var gatewayEvent))
            {
                foreach (var handler in handlers.For(gatewayEvent))
                {
                    await RunHandlerAsync(handler, gatewayEvent, slot: null, cancellationToken);
                }
            }
        }
    }

    private async Task RunHandlerAsync(GatewayEventSubscription handler, GatewayEvent gatewayEvent, GatewayHandlerSlot? slot, CancellationToken cancellationToken)
    {
        // The handler may block the thread it is about to be handed, for as long as it runs: the pool
        // keeps one more (ThreadPoolReserve), raised before the handler waits for a thread of its own.
        ThreadPoolReserve.Hold();
        try
        {
            await Task.Yield();
            await handler.HandleAsync(gatewayEvent, slot, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the handler was told to stop.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Gateway event handler {Handler} failed on {EventType} from shard {ShardId}", handler.HandlerName, gatewayEvent.GetType().Name, gatewayEvent.ShardId);
        }
        finally
        {
            ThreadPoolReserve.Release();
            slot?.End();
        }
    }
}
