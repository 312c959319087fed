namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Identify concurrency (docs: Events, Gateway, "Sharding", max_concurrency): shards share a bucket <c>shard_id % max_concurrency</c>, and each
/// bucket may Identify once per 5 s, so at most max_concurrency Identifies happen in any 5 s.
/// This process's Shards take turns here; with an <see cref="IIdentifyCoordinator"/>, each turn is
/// also taken from the other processes running Shards of the same bot.
/// </summary>
/// <remarks>
/// A turn is held from before the connect until the Identify is sent, and the bucket's 5 s count from
/// that send: Discord counts Identifies, not connects, and a connect or a Hello that takes seconds
/// would otherwise let the next Shard of the bucket Identify less than 5 s after this one. Each turn
/// also takes a start from the daily session start limit (<see cref="SessionStartBudget"/>), even
/// when its connect fails before the Identify: a start counted too many only makes a wait come sooner.
/// </remarks>
public sealed class IdentifyGate
{
    public static readonly TimeSpan BucketInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly Bucket[] _buckets;
    private readonly IIdentifyCoordinator? _coordinator;
    private readonly SessionStartBudget? _sessionStarts;

    /// <param name="sessionStarts">The daily session start limit; null when it is not known (no GET /gateway/bot).</param>
    /// <param name="coordinator">Shares the buckets with other processes; null when this process runs every Shard.</param>
    public IdentifyGate(int maxConcurrency, TimeProvider timeProvider, SessionStartBudget? sessionStarts = null, IIdentifyCoordinator? coordinator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _timeProvider = timeProvider;
        _coordinator = coordinator;
        _sessionStarts = sessionStarts;
        _buckets = Enumerable.Range(0, maxConcurrency).Select(_ => new Bucket { NextAllowed = DateTimeOffset.MinValue }).ToArray();
    }

    public int MaxConcurrency => _buckets.Length;

    /// <summary>
    /// Waits for this shard's turn. The caller then connects, calls <see cref="IdentifyTurn.Identifying"/>
    /// as it sends Identify, and disposes the turn when the connection ends (which frees a turn that never Identified).
    /// </summary>
    public async Task<IdentifyTurn> WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var index = shardId % _buckets.Length;
        var bucket = _buckets[index];
        await bucket.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = bucket.NextAllowed - _timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }

            if (_sessionStarts is not null)
            {
                await _sessionStarts.TakeAsync(cancellationToken);
            }

            if (_coordinator is not null)
            {
                await _coordinator.TakeTurnAsync(index, BucketInterval, cancellationToken);
            }

            return new IdentifyTurn(_timeProvider, bucket);
        }
        catch
        {
            bucket.Turn.Release();
            throw;
        }
    }

    internal sealed class Bucket
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; }
    }
}
