using System.Diagnostics.CodeAnalysis;

namespace ReviewBot.Caching;

/// <summary>
/// A bounded cache that makes room for a new entry by dropping the least recently used ones, so an
/// entry just set is always found (unless it alone costs more than the bound). A MemoryCache with a
/// size limit does neither: once full it refuses every new entry until a compaction it runs on its
/// own has made room, so what was asked for again right after was built again. An entry unused for
/// longer than the sliding expiration is dropped when it is next looked at or when room is made.
/// </summary>
/// <remarks>
/// One lock; a find moves the entry's node to the front, allocating nothing. Whatever an entry holds
/// that must be let go goes through the <c>dropped</c> callback, under the lock: keep it short.
/// </remarks>
public sealed class LeastRecentlyUsed<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly long _capacity;
    private readonly TimeSpan _keptWhileUnused;
    private readonly TimeProvider _time;
    private readonly Action<TValue>? _dropped;
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];

    /// <summary>Most recently used first.</summary>
    private readonly LinkedList<Entry> _byUse = new();

    private long _cost;

    /// <param name="capacity">The bound on the entries' summed cost (with a cost of 1 each, their number).</param>
    /// <param name="dropped">Called with each value no longer kept: dropped, replaced, cleared, or refused by <see cref="Set"/>.</param>
    public LeastRecentlyUsed(long capacity, TimeSpan keptWhileUnused, TimeProvider time, Action<TValue>? dropped = null)
    {
        _dropped = dropped;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _keptWhileUnused = keptWhileUnused;
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The entry for <paramref name="key"/>, which becomes the most recently used; false when absent or expired.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && !Expired(node, now))
            {
                node.Value.LastUsed = now;
                _byUse.Remove(node);
                _byUse.AddFirst(node);
                value = node.Value.Value;
                return true;
            }

            if (node is not null)
            {
                Drop(node);
            }

            value = null;
            return false;
        }
    }

    /// <summary>
    /// Sets the entry for <paramref name="key"/> (replacing any), dropping the least recently used and
    /// the expired ones until it fits. An entry costing more than the whole bound is not kept.
    /// </summary>
    public void Set(TKey key, TValue value, long cost = 1)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var replaced))
            {
                Drop(replaced);
            }

            if (cost > _capacity)
            {
                _dropped?.Invoke(value);
                return; // it would push out everything else and still not fit
            }

            while (_byUse.Last is { } oldest && (_cost + cost > _capacity || Expired(oldest, now)))
            {
                Drop(oldest);
            }

            _entries.Add(key, _byUse.AddFirst(new Entry(key, value, cost) { LastUsed = now }));
            _cost += cost;
        }
    }

    /// <summary>Drops the entry for <paramref name="key"/> if it is still <paramref name="expected"/> (not one set since).</summary>
    public void Remove(TKey key, TValue expected)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Value, expected))
            {
                Drop(node);
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            if (_dropped is not null)
            {
                foreach (var entry in _byUse)
                {
                    _dropped(entry.Value);
                }
            }

            _entries.Clear();
            _byUse.Clear();
            _cost = 0;
        }
    }

    private bool Expired(LinkedListNode<Entry> node, long now) => _time.GetElapsedTime(node.Value.LastUsed, now) > _keptWhileUnused;

    private void Drop(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _byUse.Remove(node);
        _cost -= node.Value.Cost;
        _dropped?.Invoke(node.Value.Value);
    }

    private sealed class Entry(TKey key, TValue value, long cost)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;

        public long Cost { get; } = cost;

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> of the last find or the set.</summary>
        public long LastUsed { get; set; }
    }
}
