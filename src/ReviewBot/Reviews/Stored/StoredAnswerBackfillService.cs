using Microsoft.Extensions.Logging;
using ReviewBot.Duties;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Stores the answers missing from the store in the background (<see cref="StoredAnswerBackfill"/>):
/// once shortly after start (a store upgraded from before answers were stored, or last written by a
/// build that renders them otherwise, has none to send) and again every <see cref="PeriodicPassService.PassInterval"/>
/// for those whose chart came later or whose rendering failed. One process on the database runs it
/// at a time (a one-at-a-time duty, with the sources).
/// </summary>
internal sealed class StoredAnswerBackfillService(StoredAnswerBackfill backfill, TimeProvider time, ILogger<StoredAnswerBackfillService> logger)
    : PeriodicPassService(time, logger)
{
    /// <summary>
    /// Its first pass reads every review's answers' state; run while the bot starts, it competes with
    /// the start itself (migrations, the shards identifying) for the same cores. Until it has run,
    /// first asks are built as before.
    /// </summary>
    public static readonly TimeSpan FirstPass = TimeSpan.FromSeconds(10);

    protected override string PassName => "answer backfill";

    protected override TimeSpan FirstPassDelay => FirstPass;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => backfill.RunPassAsync(cancellationToken);
}
