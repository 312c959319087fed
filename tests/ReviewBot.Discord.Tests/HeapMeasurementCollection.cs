namespace ReviewBot.Discord.Tests;

/// <summary>
/// Tests that read the whole process's heap (GC.GetTotalMemory) count whatever another test holds at
/// that moment, so they run alone: xunit starts a collection that disables parallelization only after
/// every parallel collection has finished.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurements";
}
