namespace ReviewBot.Bot;

/// <summary>The process's own heap, through <see cref="GC"/>.</summary>
public sealed class ManagedHeap : IManagedHeap
{
    /// <summary>
    /// Not precise: it may be off by what the threads' allocation contexts hold (a few KiB each), which
    /// is far below any threshold this is compared with, and it costs no synchronisation.
    /// </summary>
    public long AllocatedBytes => GC.GetTotalAllocatedBytes(precise: false);

    /// <summary>
    /// A quiet process keeps its free regions and gen0's budget committed, ready for allocation that
    /// does not come; only an aggressive collection (which the runtime requires to be blocking and
    /// compacting) decommits them.
    /// </summary>
    public void GiveBackMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
