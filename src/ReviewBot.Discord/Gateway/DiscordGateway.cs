using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Runs all Shards in this process and the event dispatcher. The host calls <see cref="StartAsync"/>,
/// awaits <see cref="Completion"/> (faults with <see cref="GatewayFatalException"/> on a fatal close
/// code: stop the app, exit non-zero) and calls <see cref="StopAsync"/> on shutdown.
/// </summary>
public sealed class DiscordGateway(
    IOptions<DiscordOptions> discordOptions,
    IOptions<GatewayOptions> gatewayOptions,
    IEnumerable<IGatewayBotSource> botSources,
    GatewayEventHandlers handlers,
    IGatewayTransportFactory transports,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    IIdentifyCoordinator? identifyCoordinator = null) : IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DiscordGateway>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;

    /// <summary>Completes once every Shard has ended, before the dispatcher waits for the handlers still running.</summary>
    private readonly TaskCompletionSource _shardsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private IReadOnlyList<GatewayShard> _shards = [];

    /// <summary>Completes after <see cref="StopAsync"/>; faults with <see cref="GatewayFatalException"/> when a Shard hit a fatal close code.</summary>
    public Task Completion => _completion.Task;

    public int ShardCount { get; private set; }

    /// <summary>One entry per Shard: ready or not, session, sequence and heartbeat latency.</summary>
    public IReadOnlyList<GatewayShardStatus> GetShardStatuses() => _shards.Select(s => s.Status).ToList();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The Discord gateway was already started; create a new instance to start again.");
        }

        var options = discordOptions.Value;
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            throw new InvalidOperationException("Discord:Token is not set; the gateway cannot Identify.");
        }

        var plan = await GatewayPlan.ResolveAsync(options, botSources.FirstOrDefault(), cancellationToken);
        ShardCount = plan.ShardCount;
        // With "auto" the total is only known now, so the slice is checked against it here too.
        var slice = ShardSlice.Resolve(options.ShardIds, plan.ShardCount);
        _logger.LogInformation("Starting shard(s) {ShardIds} of {ShardCount} on {GatewayUrl} with max_concurrency {MaxConcurrency}", string.Join(",", slice), plan.ShardCount, plan.GatewayUrl, plan.MaxConcurrency);

        var tuning = gatewayOptions.Value;
        var queue = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(tuning.EventQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var sessionStarts = plan.SessionStarts is { } limit
            ? new SessionStartBudget(limit, botSources.FirstOrDefault(), timeProvider, loggerFactory.CreateLogger<SessionStartBudget>())
            : null;
        var gate = new IdentifyGate(plan.MaxConcurrency, timeProvider, sessionStarts, identifyCoordinator);
        var seed = tuning.RandomSeed;
        var shards = slice.Select(id => new GatewayShard(
            new GatewayShardContext(id, plan.ShardCount, options.Token, timeProvider, seed is null ? new Random() : new Random(seed.Value + id), queue.Writer, tuning.ReadAheadEventsPerShard, loggerFactory.CreateLogger<GatewayShard>()),
            plan.GatewayUrl,
            gate,
            transports)).ToList();
        var orderedCapacity = tuning.EventQueueCapacity + (tuning.OrderedEventsPerShard * slice.Count);
        var dispatcher = new GatewayEventDispatcher(handlers, tuning.MaxConcurrentHandlers, orderedCapacity, loggerFactory.CreateLogger<GatewayEventDispatcher>());

        _shards = shards;
        var dispatching = dispatcher.RunAsync(queue.Reader, _stopping.Token);
        _running = RunAsync(shards, queue.Writer, dispatching);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_running.IsCompleted)
        {
            // Never started (or already finished): nothing will complete Completion otherwise.
            _completion.TrySetResult();
        }

        await _running.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for the Shards to end, not for the handlers: a handler may block its thread for good, and
    /// the stop has already given it the host's shutdown timeout (a process that cannot exit until it
    /// unblocks is killed by its supervisor instead, without its logs flushed).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (Volatile.Read(ref _started) == 0 || _running.IsCompleted)
        {
            await _running;
            _stopping.Dispose();
            return;
        }

        // Handlers still running hold the stop's token (cancelled already): the source is left to the collector.
        await _shardsEnded.Task;
    }

    private async Task RunAsync(List<GatewayShard> shards, ChannelWriter<GatewayEvent> writer, Task dispatching)
    {
        var running = shards.Select(shard => RunShardAsync(shard)).ToList();
        Exception? fatal = null;
        while (running.Count > 0)
        {
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            if (finished.Result is { } error && fatal is null)
            {
                // One Shard cannot do its job (bad token, intents, shard count): stop them all.
                fatal = error;
                await _stopping.CancelAsync();
            }
        }

        writer.Complete();
        _shardsEnded.TrySetResult();
        await dispatching;
        if (fatal is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(fatal);
        }
    }

    /// <summary>Null when the Shard stopped because we asked it to; otherwise why it stopped.</summary>
    private async Task<Exception?> RunShardAsync(GatewayShard shard)
    {
        try
        {
            await shard.RunAsync(_stopping.Token);
            return null;
        }
        catch (GatewayFatalException fatal)
        {
            return fatal;
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // We asked it to stop; a socket torn down mid-read may surface as any I/O error.
            return null;
        }
        catch (Exception unexpected)
        {
            // A bug, not a Discord decision; still stop everything and surface it through Completion.
            _logger.LogCritical(unexpected, "Shard {ShardId} failed unexpectedly", shard.ShardId);
            return unexpected;
        }
    }
}
