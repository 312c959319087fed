using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Collects the posts Discord confirmed during one delivery pass and records them in batches (one
/// transaction per batch instead of one per message). A post enters only after Discord answered it,
/// so nothing is ever recorded as sent that was not. What a crash loses before a flush stays pending
/// and is resent with the same nonce, which Discord dedupes: the same outcome as a crash between a
/// post and its single-row record. A batch is written when it is full, when its oldest post waited
/// <see cref="MaxAge"/>, and when the pass ends.
/// </summary>
public sealed class SentMarkBuffer(AnnouncementStore announcements, TimeProvider time, int maxCount = SentMarkBuffer.DefaultMaxCount)
{
    public const int DefaultMaxCount = 64;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<SentAnnouncement> _pending = [];
    private long _oldestAt;

    /// <summary>Posts waiting to be recorded.</summary>
    public int Count
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    public async Task AddAsync(SentAnnouncement sent, CancellationToken cancellationToken)
    {
        bool due;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                _oldestAt = time.GetTimestamp();
            }

            _pending.Add(sent);
            due = _pending.Count >= maxCount || time.GetElapsedTime(_oldestAt) >= MaxAge;
        }

        if (due)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Records everything collected so far (also what others add while a batch is written).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            List<SentAnnouncement> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = _pending;
                _pending = [];
            }

            try
            {
                await announcements.MarkSentAsync(batch, cancellationToken);
            }
            catch
            {
                // Not recorded: keep them for the next flush (if this one never comes, they stay pending and are resent with their nonces).
                lock (_gate)
                {
                    batch.AddRange(_pending);
                    _pending = batch;
                }

                throw;
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Flushes every <see cref="MaxAge"/> until <paramref name="cancellationToken"/> ends, so a quiet pass still records promptly.</summary>
    public async Task FlushPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MaxAge, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await FlushAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Kept for the pass's final flush, which reports the error.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
