using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// All show titles in memory for autocomplete and fuzzy matching (Discord wants autocomplete
/// answers within 3 seconds, and every keystroke asks). Invalidated by in-process imports when a
/// show is created, and reloaded at most every <see cref="MaxAge"/> to pick up other processes'
/// imports (the import verb writing while the bot runs).
/// </summary>
public sealed class ShowTitleIndex(ShowStore shows, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    public void Invalidate() => _snapshot = null;

    public async Task<IReadOnlyList<ShowRecord>> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot.Shows;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is null || time.GetUtcNow() - snapshot.LoadedAt >= MaxAge)
            {
                snapshot = new Snapshot(await shows.GetAllAsync(cancellationToken), time.GetUtcNow());
                _snapshot = snapshot;
            }

            return snapshot.Shows;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Snapshot(IReadOnlyList<ShowRecord> Shows, DateTimeOffset LoadedAt);
}
