namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Identify concurrency (docs: Events, Gateway, "Sharding", max_concurrency): shards share a bucket <c>shard_id % max_concurrency</c>, and each
/// bucket may Identify once per 5 s, so at most max_concurrency Identifies happen in any 5 s.
/// This process's Shards take turns here; with an <see cref="IIdentifyCoordinator"/>, each turn is
/// also taken from the other processes running Shards of the same bot.
/// </summary>
public sealed class IdentifyGate
{
    public static readonly TimeSpan BucketInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly Bucket[] _buckets;
    private readonly IIdentifyCoordinator? _coordinator;

    /// <param name="notBefore">Hold every first Identify this long (session start limit spent).</param>
    /// <param name="coordinator">Shares the buckets with other processes; null when this process runs every Shard.</param>
    public IdentifyGate(int maxConcurrency, TimeProvider timeProvider, TimeSpan notBefore = default, IIdentifyCoordinator? coordinator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _timeProvider = timeProvider;
        _coordinator = coordinator;
        var first = notBefore > TimeSpan.Zero ? timeProvider.GetUtcNow() + notBefore : DateTimeOffset.MinValue;
        _buckets = Enumerable.Range(0, maxConcurrency).Select(_ => new Bucket { NextAllowed = first }).ToArray();
    }

    public int MaxConcurrency => _buckets.Length;

    /// <summary>Waits for this shard's turn; the caller then connects and Identifies.</summary>
    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
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

            if (_coordinator is not null)
            {
                await _coordinator.TakeTurnAsync(index, BucketInterval, cancellationToken);
            }

            bucket.NextAllowed = _timeProvider.GetUtcNow() + BucketInterval;
        }
        finally
        {
            bucket.Turn.Release();
        }
    }

    private sealed class Bucket
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; }
    }
}
