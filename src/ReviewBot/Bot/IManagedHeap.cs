namespace ReviewBot.Bot;

/// <summary>
/// What <see cref="IdleMemoryTrim"/> needs of the garbage-collected heap: how much has been allocated,
/// and a way to hand memory back to the operating system. Tests give a scripted heap, so when to
/// trim is decided without the real GC.
/// </summary>
public interface IManagedHeap
{
    /// <summary>Bytes allocated by the process since it started; only grows.</summary>
    long AllocatedBytes { get; }

    /// <summary>Collects and returns the memory the heap no longer needs to the operating system; blocks until done.</summary>
    void GiveBackMemory();
}
