using System.Runtime.InteropServices;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public sealed class OffHeapBytesTests
{
    [Fact]
    public void Copy_PutsThePartsOneAfterAnother_AndSaysWhereEachIs()
    {
        ReadOnlyMemory<byte>[] parts = ["{\"a\":1}"u8.ToArray(), Array.Empty<byte>(), new byte[] { 1, 2, 3 }];
        var places = new Range[parts.Length];

        using var bytes = OffHeapBytes.Copy(parts, places);

        var memory = bytes.Memory;
        Assert.Equal(10, memory.Length);
        Assert.Equal("{\"a\":1}"u8.ToArray(), memory[places[0]].ToArray());
        Assert.Equal(0, memory[places[1]].Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, memory[places[2]].ToArray());
        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, OffHeapBytes>(memory[places[2]], out var manager));
        Assert.Same(bytes, manager);
    }

    [Fact]
    public void Lease_KeepsTheBytesAfterTheCreatorLetsGo_AndTheLastReferenceFreesThem()
    {
        var bytes = OffHeapBytes.Copy(["kept"u8.ToArray()], new Range[1]);
        var lease = bytes.TryLease();
        Assert.NotNull(lease);

        ((IDisposable)bytes).Dispose();
        ((IDisposable)bytes).Dispose(); // the creator's reference goes once, however often it is disposed

        Assert.False(bytes.IsFreed);
        Assert.Equal("kept"u8.ToArray(), bytes.Memory.ToArray());

        lease.Dispose();
        lease.Dispose();

        Assert.True(bytes.IsFreed);
        Assert.Null(bytes.TryLease());
        Assert.Throws<ObjectDisposedException>(() => bytes.Memory.Span.Length);
    }

    [Fact]
    public void Pin_HoldsAReferenceUntilUnpinned()
    {
        var bytes = OffHeapBytes.Copy(["written by a socket"u8.ToArray()], new Range[1]);
        var handle = bytes.Memory.Pin();

        ((IDisposable)bytes).Dispose();
        Assert.False(bytes.IsFreed);

        handle.Dispose();
        Assert.True(bytes.IsFreed);
        Assert.Throws<ObjectDisposedException>(() => bytes.Memory.Pin());
    }

    [Fact]
    public void Copy_IsNotOnTheManagedHeap()
    {
        var large = new byte[4 * 1024 * 1024];
        Random.Shared.NextBytes(large);
        var places = new Range[1];

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var bytes = OffHeapBytes.Copy([large], places);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 1024);
        Assert.True(bytes.Memory.Span.SequenceEqual(large));
    }
}
