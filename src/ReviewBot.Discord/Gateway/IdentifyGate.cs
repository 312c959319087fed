namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Identify concurrency (docs: Events, Gateway, "Sharding", max_concurrency): shards share a bucket <c>shard_id % max_concurrency</c>, and each
/// bucket may Identify once per 5 s, so at most max_concurrency Identifies happen in any 5 s.
/// </summary>
public sealed class IdentifyGate
{
    public static readonly TimeSpan BucketInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly Bucket[] _buckets;

    /// <param name="notBefore">Hold every first Identify this long (session start limit spent).</param>
    public IdentifyGate(int maxConcurrency, TimeProvider timeProvider, TimeSpan notBefore = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _timeProvider = timeProvider;
        var first = notBefore > TimeSpan.Zero ? timeProvider.GetUtcNow() + notBefore : DateTimeOffset.MinValue;
        _buckets = Enumerable.Range(0, maxConcurrency).Select(_ => new Bucket { NextAllowed = first }).ToArray();
    }

    public int MaxConcurrency => _buckets.Length;

    /// <summary>Waits for this shard's turn; the caller then connects and Identifies.</summary>
    public async Task WaitAsync(int shardId, CancellationToken cancellationToken)
    {
        var bucket = _buckets[shardId % _buckets.Length];
        await bucket.Turn.WaitAsync(cancellationToken);
        try
        {
            var wait = bucket.NextAllowed - _timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
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
