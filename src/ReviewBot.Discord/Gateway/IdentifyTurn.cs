namespace ReviewBot.Discord.Gateway;

/// <summary>
/// One Shard's turn in its identify bucket (<see cref="IdentifyGate"/>): the bucket's other Shards wait
/// until this one has sent Identify, or disposed the turn without sending one.
/// </summary>
public sealed class IdentifyTurn : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly IdentifyGate.Bucket _bucket;
    private int _released;

    internal IdentifyTurn(TimeProvider timeProvider, IdentifyGate.Bucket bucket)
    {
        _timeProvider = timeProvider;
        _bucket = bucket;
    }

    /// <summary>Called as Identify is sent: the bucket's next Identify may follow 5 s from now.</summary>
    public void Identifying()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _bucket.NextAllowed = _timeProvider.GetUtcNow() + IdentifyGate.BucketInterval;
            _bucket.Turn.Release();
        }
    }

    /// <summary>Ends a turn that sent no Identify (the connect or the Hello failed): nothing was counted, so the next Shard may go at once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _bucket.Turn.Release();
        }
    }
}
