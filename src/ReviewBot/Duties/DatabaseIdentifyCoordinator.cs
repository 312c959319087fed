using ReviewBot.Core.Storage;
using ReviewBot.Discord.Gateway;

namespace ReviewBot.Duties;

/// <summary>Identify buckets shared by every process on the database (an advisory lock per bucket, held for the 5 s window).</summary>
internal sealed class DatabaseIdentifyCoordinator(DutyLocks locks) : IIdentifyCoordinator
{
    public Task TakeTurnAsync(int bucket, TimeSpan window, CancellationToken cancellationToken) =>
        locks.TakeIdentifyTurnAsync(bucket, window, cancellationToken);
}
