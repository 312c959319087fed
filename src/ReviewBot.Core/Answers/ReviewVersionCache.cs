namespace ReviewBot.Core.Answers;

/// <summary>
/// Reviews' versions read before, by the show and season they were asked for, kept while an
/// <see cref="IReviewChangeWatch"/> vouches for them: it drops one show's (a change to that show's
/// reviews or ratings) or all of them (it cannot tell what changed) as soon as it learns of a change.
/// </summary>
/// <remarks>
/// A version read from the database is only kept when nothing was dropped while it was being read
/// (<see cref="Epoch"/> unchanged): otherwise the read may predate a change whose news already came
/// and went, and keeping it would outlive that news. A refused keep only costs the next ask a read.
/// Bounded: past <see cref="MaxEntries"/> everything is dropped and kept again as asked, which is
/// cheaper than tracking use for what is a few hundred bytes an entry.
/// </remarks>
public sealed class ReviewVersionCache
{
    /// <summary>Versions kept at most (each about 300 bytes: the key, the record and its two strings).</summary>
    public const int MaxEntries = 16_384;

    /// <summary>The key of "the latest season" in a show's versions (no season asked).</summary>
    private const int Latest = int.MinValue;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Dictionary<int, ReviewVersion>> _shows = [];
    private int _count;
    private long _epoch;

    /// <summary>Moves whenever anything is dropped; read before a database read, passed to <see cref="Keep"/> after it.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>How many versions are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public bool TryGet(long showId, int? season, out ReviewVersion version)
    {
        lock (_lock)
        {
            if (_shows.TryGetValue(showId, out var seasons) && seasons.TryGetValue(season ?? Latest, out version!))
            {
                return true;
            }
        }

        version = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="version"/> unless something was dropped since <paramref name="epoch"/> was read; true when kept.</summary>
    public bool Keep(long showId, int? season, ReviewVersion version, long epoch)
    {
        lock (_lock)
        {
            if (_epoch != epoch)
            {
                return false;
            }

            if (_count >= MaxEntries)
            {
                _shows.Clear();
                _count = 0;
            }

            if (!_shows.TryGetValue(showId, out var seasons))
            {
                seasons = new Dictionary<int, ReviewVersion>(1);
                _shows.Add(showId, seasons);
            }

            if (seasons.TryAdd(season ?? Latest, version))
            {
                _count++;
            }
            else
            {
                seasons[season ?? Latest] = version;
            }

            return true;
        }
    }

    /// <summary>Drops every version kept for <paramref name="showId"/> (any season, and its latest).</summary>
    public void DropShow(long showId)
    {
        lock (_lock)
        {
            _epoch++;
            if (_shows.Remove(showId, out var seasons))
            {
                _count -= seasons.Count;
            }
        }
    }

    /// <summary>Drops everything kept.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _epoch++;
            _shows.Clear();
            _count = 0;
        }
    }
}
