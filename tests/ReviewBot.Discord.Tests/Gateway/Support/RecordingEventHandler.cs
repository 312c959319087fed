using System.Threading.Channels;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Tests.Gateway.Support;

/// <summary>Collects events in arrival order; tests await the next one of a type.</summary>
internal sealed class RecordingEventHandler : IGatewayEventHandler
{
    private readonly Lock _lock = new();
    private readonly List<GatewayEvent> _events = [];
    private readonly Channel<GatewayEvent> _channel = Channel.CreateUnbounded<GatewayEvent>();

    public IReadOnlyList<GatewayEvent> Events
    {
        get { lock (_lock) { return _events.ToList(); } }
    }

    public Task HandleAsync(GatewayEvent gatewayEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add(gatewayEvent);
        }

        _channel.Writer.TryWrite(gatewayEvent);
        return Task.CompletedTask;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null)
        where T : GatewayEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var gatewayEvent in _channel.Reader.ReadAllAsync(timeout.Token))
        {
            if (gatewayEvent is T typed && (predicate is null || predicate(typed)))
            {
                return typed;
            }
        }

        throw new TimeoutException();
    }
}
