using System.Buffers;
using System.Runtime.InteropServices;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Bytes kept outside the managed heap, for a cache that holds them until it drops them: what the
/// garbage collector never allocates it never copies either, and a kept entry survives into the old
/// generations, whose collections copy what survives.
/// </summary>
/// <remarks>
/// Counted references decide when the memory goes back: the creator holds the first, each reader takes
/// its own with <see cref="TryLease"/> and disposes that lease once nothing it started still reads the
/// bytes, and the memory is freed when the last reference is let go. A lease taken after that fails
/// (the holder treats the bytes as gone), so a reader never sees freed memory. Should a reference
/// never be let go, the memory is freed when this object is collected: every <see cref="Memory{T}"/>
/// over it refers to it, so that happens only once nothing can read the bytes.
/// </remarks>
public sealed unsafe class OffHeapBytes : MemoryManager<byte>, IRented
{
    private readonly Block _block;
    private int _references = 1;
    private int _creatorLetGo;

    private OffHeapBytes(int length) => _block = new Block(length);

    /// <summary>Whether the memory has been freed (every reference let go).</summary>
    public bool IsFreed => Volatile.Read(ref _references) == 0;

    /// <summary>
    /// The bytes of <paramref name="parts"/> one after another in one block, and each part's place in it.
    /// The caller holds the block's first reference and lets it go with <see cref="IDisposable.Dispose"/>.
    /// </summary>
    public static OffHeapBytes Copy(ReadOnlySpan<ReadOnlyMemory<byte>> parts, Span<Range> places)
    {
        if (places.Length < parts.Length)
        {
            throw new ArgumentException("one place per part", nameof(places));
        }

        long total = 0;
        foreach (var part in parts)
        {
            total += part.Length;
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), total, "more bytes than one block holds");
        }

        var bytes = new OffHeapBytes((int)total);
        var span = bytes.GetSpan();
        var at = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i].Span.CopyTo(span[at..]);
            places[i] = at..(at + parts[i].Length);
            at += parts[i].Length;
        }

        return bytes;
    }

    /// <summary>
    /// Another reference, for a reader: disposing the lease lets it go (once, however often it is
    /// disposed). Null when the memory has been freed already.
    /// </summary>
    public IRented? TryLease() => TryAddReference() ? new Lease(this) : null;

    public override Span<byte> GetSpan()
    {
        var address = Volatile.Read(ref _block.Address);
        ObjectDisposedException.ThrowIf(address == 0, this);
        return new Span<byte>((void*)address, _block.Length);
    }

    /// <summary>Native memory does not move: pinning holds a reference until unpinned, so a socket's write never outlives the bytes.</summary>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _block.Length);
        ObjectDisposedException.ThrowIf(!TryAddReference(), this);
        return new MemoryHandle((byte*)_block.Address + elementIndex, default, this);
    }

    public override void Unpin() => Release();

    /// <summary>Lets the creator's reference go, once.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _creatorLetGo, 1) == 0)
        {
            Release();
        }
    }

    private bool TryAddReference()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _block.Free();
        }
    }

    /// <summary>
    /// The memory itself. Its own object, with its own finalizer, because disposing a
    /// <see cref="MemoryManager{T}"/> suppresses the manager's finalizer while readers may still hold references.
    /// </summary>
    private sealed class Block
    {
        public readonly int Length;
        public nint Address;

        public Block(int length)
        {
            Length = length;
            Address = (nint)NativeMemory.Alloc((nuint)Math.Max(1, length));
        }

        ~Block() => Free();

        public void Free()
        {
            var address = Interlocked.Exchange(ref Address, 0);
            if (address != 0)
            {
                Poison(address, Length);
                NativeMemory.Free((void*)address);
                GC.SuppressFinalize(this);
            }
        }

        /// <summary>
        /// In debug builds (the tests') freed bytes are overwritten first, so a reader that outlived its
        /// reference sees garbage at once instead of the old bytes the allocator happened to leave.
        /// </summary>
        [System.Diagnostics.Conditional("DEBUG")]
        private static void Poison(nint address, int length) => new Span<byte>((void*)address, length).Fill(0xDD);
    }

    /// <summary>One reader's reference, let go on its first dispose only.</summary>
    private sealed class Lease(OffHeapBytes bytes) : IRented
    {
        private OffHeapBytes? _bytes = bytes;

        public void Dispose() => Interlocked.Exchange(ref _bytes, null)?.Release();
    }
}
