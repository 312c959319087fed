using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>
/// Subscribes to every event type and collects events in arrival order; tests await one matching a
/// condition (already seen or still to come).
/// </summary>
internal sealed class RecordingEventHandler :
    IGatewayEventHandler<ReadyEvent>,
    IGatewayEventHandler<ResumedEvent>,
    IGatewayEventHandler<GuildCreateEvent>,
    IGatewayEventHandler<GuildUpdateEvent>,
    IGatewayEventHandler<GuildDeleteEvent>,
    IGatewayEventHandler<ChannelDeleteEvent>,
    IGatewayEventHandler<GuildRoleDeleteEvent>,
    IGatewayEventHandler<InteractionCreateEvent>
{
    private readonly Lock _lock = new();
    private readonly List<GatewayEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<GatewayEvent> Events
    {
        get { lock (_lock) { return _events.ToList(); } }
    }

    public Task HandleAsync(ReadyEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(ResumedEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(GuildCreateEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(GuildUpdateEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(GuildDeleteEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(ChannelDeleteEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(GuildRoleDeleteEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    public Task HandleAsync(InteractionCreateEvent gatewayEvent, CancellationToken cancellationToken) => Record(gatewayEvent);

    private Task Record(GatewayEvent gatewayEvent)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.Add(gatewayEvent);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>The first event of type <typeparamref name="T"/> matching <paramref name="predicate"/>, waiting up to 10 s.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null)
        where T : GatewayEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var match = _events.OfType<T>().FirstOrDefault(e => predicate is null || predicate(e));
                if (match is not null)
                {
                    return match;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} within 10 s; saw: {string.Join(", ", Events.Select(e => e.GetType().Name))}");
            }
        }
    }
}
