namespace ReviewBot.Discord.Gateway.Events;

/// <summary>Every registered handler, by the event type it subscribed to; the dispatcher asks it who gets an event.</summary>
public sealed class GatewayEventHandlers
{
    private readonly Dictionary<Type, GatewayEventSubscription[]> _byEvent = [];

    public GatewayEventHandlers(
        IEnumerable<IGatewayEventHandler<ReadyEvent>> ready,
        IEnumerable<IGatewayEventHandler<ResumedEvent>> resumed,
        IEnumerable<IGatewayEventHandler<GuildCreateEvent>> guildCreate,
        IEnumerable<IGatewayEventHandler<GuildUpdateEvent>> guildUpdate,
        IEnumerable<IGatewayEventHandler<GuildDeleteEvent>> guildDelete,
        IEnumerable<IGatewayEventHandler<ChannelDeleteEvent>> channelDelete,
        IEnumerable<IGatewayEventHandler<GuildRoleDeleteEvent>> guildRoleDelete,
        IEnumerable<IGatewayEventHandler<InteractionCreateEvent>> interactionCreate)
    {
        Add(ready);
        Add(resumed);
        Add(guildCreate);
        Add(guildUpdate);
        Add(guildDelete);
        Add(channelDelete);
        Add(guildRoleDelete);
        Add(interactionCreate);
    }

    /// <summary>Sorts handler objects by the <see cref="IGatewayEventHandler{TEvent}"/> interfaces they implement (for use without DI).</summary>
    public static GatewayEventHandlers Of(params IReadOnlyList<object> handlers) => new(
        handlers.OfType<IGatewayEventHandler<ReadyEvent>>(),
        handlers.OfType<IGatewayEventHandler<ResumedEvent>>(),
        handlers.OfType<IGatewayEventHandler<GuildCreateEvent>>(),
        handlers.OfType<IGatewayEventHandler<GuildUpdateEvent>>(),
        handlers.OfType<IGatewayEventHandler<GuildDeleteEvent>>(),
        handlers.OfType<IGatewayEventHandler<ChannelDeleteEvent>>(),
        handlers.OfType<IGatewayEventHandler<GuildRoleDeleteEvent>>(),
        handlers.OfType<IGatewayEventHandler<InteractionCreateEvent>>());

    /// <summary>An array, so the dispatcher's loop over it allocates no enumerator per event.</summary>
    internal GatewayEventSubscription[] For(GatewayEvent gatewayEvent) =>
        _byEvent.GetValueOrDefault(gatewayEvent.GetType()) ?? [];

    private void Add<TEvent>(IEnumerable<IGatewayEventHandler<TEvent>> handlers)
        where TEvent : GatewayEvent =>
        _byEvent[typeof(TEvent)] = handlers
            .Select(h => new GatewayEventSubscription(h.GetType().Name, (e, slot, ct) => slot is null ? h.HandleAsync((TEvent)e, ct) : h.HandleAsync((TEvent)e, slot, ct)))
            .ToArray();
}

/// <summary>One handler's subscription to one event type, named for the log when it fails; the slot is there only for the concurrent lane.</summary>
internal sealed record GatewayEventSubscription(string HandlerName, Func<GatewayEvent, GatewayHandlerSlot?, CancellationToken, Task> HandleAsync);
