using System.Buffers;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Charts;

/// <summary>
/// Bytes read into an array rented from a pool, for a reader done with them soon: an answer sent once
/// and then dropped. <see cref="Dispose"/> hands the array back to the pool, after which nothing may
/// read <see cref="Memory"/> (the next renter writes over it). It happens once, so a caller that
/// cannot tell whether another already released it may call <see cref="Dispose"/> again safely.
/// </summary>
public sealed class RentedBytes : IRented
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _array;

    internal RentedBytes(ArrayPool<byte> pool, byte[] array, int length)
    {
        _pool = pool;
        _array = array;
        Memory = array.AsMemory(0, length);
    }

    /// <summary>The bytes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            _pool.Return(array);
        }
    }
}
