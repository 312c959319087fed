namespace ReviewBot.Caching;

/// <summary>
/// Which questions were asked recently, so that a cache keeps an answer from its second ask on and
/// not from its first. In an archive of thousands of reviews most are asked about once in a while;
/// keeping each of those answers fills the cache with entries nobody reads again and pushes out the
/// ones people do ask for, and every entry kept outlives the garbage collector's young generation,
/// whose collections then copy it (their pauses grow with what survives, not with what was allocated).
/// </summary>
/// <remarks>
/// A fixed table of fingerprints, one slot per hash, written with one atomic exchange: no lock and no
/// allocation per question. A question that lands on a slot another took since makes that one count
/// as new again, and two questions with the same fingerprint count as one; either only moves when an
/// answer is first kept. The table remembers roughly its own size in recent questions.
/// </remarks>
public sealed class RepeatedAsks
{
    private readonly long[] _slots;
    private readonly int _shift;

    /// <param name="slots">A power of two.</param>
    public RepeatedAsks(int slots)
    {
        if (slots < 2 || !int.IsPow2(slots))
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "the table's size must be a power of two, at least 2");
        }

        _slots = new long[slots];
        _shift = 64 - int.Log2(slots);
    }

    /// <summary>A fingerprint of a question about one review: its id in the high bits, the question's hash in the low.</summary>
    public static long Fingerprint(long reviewId, int hash) => (reviewId << 32) ^ (uint)hash;

    /// <summary>Notes <paramref name="fingerprint"/> as asked; true when it was noted before (and not pushed out since).</summary>
    public bool AskedBefore(long fingerprint)
    {
        // An empty slot holds 0, so 0 must not be a fingerprint of its own.
        var noted = fingerprint == 0 ? 1 : fingerprint;

        // Fibonacci hashing spreads fingerprints whose low bits are alike (review ids in sequence) over the table.
        var slot = (int)((ulong)noted * 0x9E3779B97F4A7C15UL >> _shift);
        return Interlocked.Exchange(ref _slots[slot], noted) == noted;
    }
}
