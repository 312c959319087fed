using System.Buffers;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// <see cref="TitleScore.Similarity"/> of (typed word, title word) pairs already measured in one
/// lookup: a small open-addressing table in pooled arrays, so its cost follows the pairs a lookup
/// touches rather than typed words × vocabulary (which a dense table would clear on every keystroke).
/// When it is three-quarters full it stops taking entries; callers then just measure again.
/// </summary>
internal struct WordSimilarityMemo : IDisposable
{
    private int[] _keys;       // key + 1; 0 is empty
    private double[] _values;
    private readonly int _mask;
    private readonly int _limit;
    private int _count;

    /// <summary>
    /// Room for at least <paramref name="reserved"/> entries that <see cref="Set"/> never refuses, and
    /// for up to <paramref name="possible"/> (all pairs there are) within a cap of 16,384 slots: one
    /// lookup on a wide vocabulary can touch thousands of pairs, and a larger table would cost more to
    /// clear on every keystroke than it saves.
    /// </summary>
    public WordSimilarityMemo(int reserved, long possible)
    {
        var capacity = 256;
        while (capacity < reserved * 4 || (capacity < 16_384 && capacity < possible * 2))
        {
            capacity *= 2;
        }

        _keys = ArrayPool<int>.Shared.Rent(capacity);
        _values = ArrayPool<double>.Shared.Rent(capacity);
        _keys.AsSpan(0, capacity).Clear();
        _mask = capacity - 1;
        _limit = capacity - (capacity / 4);
    }

    public readonly bool TryGet(int key, out double similarity)
    {
        for (var slot = Hash(key) & _mask; ; slot = (slot + 1) & _mask)
        {
            var stored = _keys[slot];
            if (stored == key + 1)
            {
                similarity = _values[slot];
                return true;
            }

            if (stored == 0)
            {
                similarity = 0;
                return false;
            }
        }
    }

    /// <summary>Stores the pair unless the table is full enough; the first <c>reserved</c> always fit.</summary>
    public void Set(int key, double similarity)
    {
        if (_count >= _limit)
        {
            return;
        }

        var slot = Hash(key) & _mask;
        while (_keys[slot] != 0 && _keys[slot] != key + 1)
        {
            slot = (slot + 1) & _mask;
        }

        if (_keys[slot] == 0)
        {
            _count++;
        }

        _keys[slot] = key + 1;
        _values[slot] = similarity;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_keys);
        ArrayPool<double>.Shared.Return(_values);
        _keys = [];
        _values = [];
    }

    private static int Hash(int key) => (int)((uint)key * 2654435769u >> 7);
}
