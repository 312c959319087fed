using System.Buffers;

namespace ReviewBot.Core.ShowSearch;

/// <summary>A title word close to typed word <see cref="TypedWord"/> (its index in the query's tokens).</summary>
internal readonly record struct SimilarWord(int TypedWord, int Id, double Similarity);

/// <summary>The similar words one lookup found, in pooled storage: return it with <see cref="Dispose"/>.</summary>
internal struct SimilarWords : IDisposable
{
    private SimilarWord[] _items;

    public SimilarWords()
    {
        _items = ArrayPool<SimilarWord>.Shared.Rent(64);
    }

    public int Count { get; private set; }

    public readonly Span<SimilarWord> Items => _items.AsSpan(0, Count);

    public void Add(SimilarWord word)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<SimilarWord>.Shared.Rent(_items.Length * 2);
            _items.AsSpan().CopyTo(larger);
            ArrayPool<SimilarWord>.Shared.Return(_items);
            _items = larger;
        }

        _items[Count++] = word;
    }

    /// <summary>Most similar first, so the titles most likely to be kept are scored first and raise the bar early.</summary>
    public readonly void SortMostSimilarFirst() => Items.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));

    public void Dispose()
    {
        ArrayPool<SimilarWord>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }
}
