using System.Runtime.Intrinsics;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// One immutable snapshot of every show, built once per change of the shows table, answering the
/// lookups <see cref="TitleScore"/> defines without scanning strings per call: exact and prefix
/// lookups are binary searches, and fuzzy scoring starts from the titles that
/// share a word with the query and rules the rest out with bounds (see ShowIndex.Fuzzy.cs).
/// Results are the same, in the same order, as scoring every show by <see cref="TitleScore"/>.
/// </summary>
/// <remarks>
/// Shows are numbered by "rank": sorted by title (ordinal, ignoring case), ties in load order. That
/// is exactly the tie-break order of every list the lookups return, so the top-K breaks equal
/// scores by rank without comparing titles again. Per-title filters the whole-text pass reads are
/// kept in "position" order instead (by joined-token length) so that pass reads them front to back.
/// </remarks>
public sealed partial class ShowIndex
{
    private static readonly StringComparer TitleOrder = StringComparer.OrdinalIgnoreCase;

    // Shows are held as columns rather than as their records: a record and its two strings cost
    // several times their text, and the index holds every show all the time. A record is made
    // again only for the few shows a lookup returns.
    private readonly PackedTexts _titles;           // rank -> title
    private readonly PackedTexts _slugs;            // rank -> slug
    private readonly long[] _idOfRank;              // rank -> show id
    private readonly int[] _loadIndexOfRank;        // rank -> position in load order (the store's ORDER BY title)
    private readonly int[] _rankOfLoadIndex;        // position in load order -> rank
    private readonly int[] _slugOrder;              // ranks sorted by slug, ignoring case
    // A title's tokens joined ("metallicrouge") are not held: they are its words' ids, read from the
    // vocabulary when an edit distance needs them. They are a slug's parts, so their length fits a byte.
    private readonly byte[] _concatLength;          // rank -> length of its joined tokens
    private readonly int[] _wordStart;              // rank -> first entry in _wordIds; rank+1 -> end
    private readonly int[] _wordIds;                // the title's tokens as ids into _vocabulary
    private readonly ShowVocabulary _vocabulary;    // every distinct title token, with the titles using it
    private readonly byte[] _histograms;            // position -> CharacterHistogram.PackedSize: character counts of its joined tokens
    private readonly ulong[] _bigrams;              // position -> BigramSignature of its joined tokens (Words entries)
    private readonly int[] _byConcatLength;         // position -> rank, ranks ordered by the length of their joined tokens
    private readonly int[] _positionOfRank;         // rank -> position in _byConcatLength
    private readonly int[] _concatLengthStart;      // length -> first entry in _byConcatLength; length+1 -> end
    // Exact lookups are binary searches over sorted arrays rather than dictionaries of strings: the
    // index is held for every show all the time, and a title key kept per show would be a second copy
    // of every title. Slugs are found through _slugOrder; title keys by their hash, confirmed by
    // keying the few titles with that hash again.
    private readonly int[] _titleKeyHashes;         // ShowTitleKey hashes, ascending
    private readonly int[] _rankOfTitleKeyHash;     // the rank each of _titleKeyHashes belongs to
    private readonly int[] _idOrder;                // ranks by show id, ascending; equal ids by rank
    // Autocomplete's prefixes compare title keys too, as exact lookups do, so a soft hyphen or a
    // zero-width space in a stored title does not hide it. A key is written on the stack from its
    // title when compared; only the keys that cannot be (titles not ASCII once folded, or long) are
    // held, made once here rather than on every ask.
    private readonly int[] _titleKeyOrder;          // ranks sorted by title key (ordinal), equal keys by rank
    private readonly int[] _heldKeyRanks;           // ranks whose key is held, ascending
    private readonly PackedTexts _heldKeys;         // the keys of _heldKeyRanks, in the same order
    // The records exact lookups returned lately, by rank modulo its size: most asks are about a few
    // popular shows, and each would otherwise make a record and decode its two strings again. Direct
    // mapped and read and written without a lock: a slot holds one immutable entry, swapped whole;
    // a lookup that finds another show's there makes the record and takes the slot.
    private readonly KeptRecord?[] _kept = new KeptRecord?[KeptRecords];

    private ShowIndex(IReadOnlyList<ShowRecord> shows)
    {
        var count = shows.Count;
        _loadIndexOfRank = new int[count];
        for (var i = 0; i < count; i++)
        {
            _loadIndexOfRank[i] = i;
        }

        // Stable: equal titles keep load order, as LINQ's OrderBy would.
        Array.Sort(_loadIndexOfRank, (a, b) =>
        {
            var byTitle = TitleOrder.Compare(shows[a].Title, shows[b].Title);
            return byTitle != 0 ? byTitle : a.CompareTo(b);
        });

        _rankOfLoadIndex = new int[count];
        _idOfRank = new long[count];
        var concatOfRank = new string[count];
        var tokensByRank = new string[count][];
        var keyOfRank = new string[count];
        _titleKeyHashes = new int[count];
        _rankOfTitleKeyHash = new int[count];
        _idOrder = new int[count];
        for (var rank = 0; rank < count; rank++)
        {
            var show = shows[_loadIndexOfRank[rank]];
            _rankOfLoadIndex[_loadIndexOfRank[rank]] = rank;
            tokensByRank[rank] = TitleScore.Tokens(show.Title);
            concatOfRank[rank] = string.Concat(tokensByRank[rank]);
            keyOfRank[rank] = ShowTitleKey.From(show.Title);
            _titleKeyHashes[rank] = StringComparer.Ordinal.GetHashCode(keyOfRank[rank]);
            _rankOfTitleKeyHash[rank] = rank;
            _idOfRank[rank] = show.Id;
            _idOrder[rank] = rank;
        }

        Array.Sort(_titleKeyHashes, _rankOfTitleKeyHash);
        Array.Sort(_idOrder, (a, b) => _idOfRank[a] != _idOfRank[b] ? _idOfRank[a].CompareTo(_idOfRank[b]) : a.CompareTo(b));
        _titles = new PackedTexts(count, rank => shows[_loadIndexOfRank[rank]].Title);
        _titleKeyOrder = new int[count];
        for (var rank = 0; rank < count; rank++)
        {
            _titleKeyOrder[rank] = rank;
        }

        Array.Sort(_titleKeyOrder, (a, b) => string.CompareOrdinal(keyOfRank[a], keyOfRank[b]) is var byKey and not 0 ? byKey : a.CompareTo(b));
        Span<char> stackKey = stackalloc char[TitleKeys.StackLimit];
        var held = new List<int>();
        for (var rank = 0; rank < count; rank++)
        {
            if (!TitleKeys.TryWrite(shows[_loadIndexOfRank[rank]].Title, stackKey, out _))
            {
                held.Add(rank);
            }
        }

        var heldKeyRanks = _heldKeyRanks = [.. held];
        _heldKeys = new PackedTexts(heldKeyRanks.Length, i => keyOfRank[heldKeyRanks[i]]);
        _slugs = new PackedTexts(count, rank => shows[_loadIndexOfRank[rank]].Slug);

        _vocabulary = new ShowVocabulary(tokensByRank, out _wordStart, out _wordIds);
        var longest = 0;
        _concatLength = new byte[count];
        for (var rank = 0; rank < count; rank++)
        {
            longest = Math.Max(longest, concatOfRank[rank].Length);
            _concatLength[rank] = checked((byte)concatOfRank[rank].Length);
        }

        _concatLengthStart = new int[longest + 2];
        foreach (var concat in concatOfRank)
        {
            _concatLengthStart[concat.Length + 1]++;
        }

        for (var length = 0; length <= longest; length++)
        {
            _concatLengthStart[length + 1] += _concatLengthStart[length];
        }

        // Per-title filters in length order: the whole-text pass reads them front to back.
        _byConcatLength = new int[count];
        _positionOfRank = new int[count];
        var at = _concatLengthStart[..^1];
        for (var rank = 0; rank < count; rank++)
        {
            _positionOfRank[rank] = at[concatOfRank[rank].Length]++;
            _byConcatLength[_positionOfRank[rank]] = rank;
        }

        _histograms = new byte[count * CharacterHistogram.PackedSize];
        _bigrams = new ulong[count * BigramSignature.Words];
        for (var position = 0; position < count; position++)
        {
            var concat = concatOfRank[_byConcatLength[position]];
            CharacterHistogram.FillPacked(concat, _histograms.AsSpan(position * CharacterHistogram.PackedSize, CharacterHistogram.PackedSize));
            BigramSignature.Fill(concat, _bigrams.AsSpan(position * BigramSignature.Words, BigramSignature.Words));
        }

        _slugOrder = new int[count];
        for (var i = 0; i < count; i++)
        {
            _slugOrder[i] = i;
        }

        Array.Sort(_slugOrder, (a, b) =>
        {
            var bySlug = StringComparer.OrdinalIgnoreCase.Compare(shows[_loadIndexOfRank[a]].Slug, shows[_loadIndexOfRank[b]].Slug);
            return bySlug != 0 ? bySlug : a.CompareTo(b);
        });
    }

    /// <summary>How many records exact lookups keep (a power of two).</summary>
    internal const int KeptRecords = 512;

    public static ShowIndex Empty { get; } = new([]);

    /// <summary>Every show in load order.</summary>
    public IReadOnlyList<ShowRecord> Shows => new LoadOrder(this);

    public int Count => _idOfRank.Length;

    public static ShowIndex Build(IReadOnlyList<ShowRecord> shows) => new(shows);

    /// <summary>The show with this id, if any.</summary>
    public ShowRecord? FindById(long id)
    {
        // Ids are unique in the store; should two rows share one, the first by title answers.
        int lo = 0, hi = _idOrder.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_idOfRank[_idOrder[mid]] < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var at = lo;
        return at < _idOrder.Length && _idOfRank[_idOrder[at]] == id ? KeptRecordOf(_idOrder[at]) : null;
    }

    /// <summary>The show whose slug is exactly this (ordinal), if any.</summary>
    public ShowRecord? FindBySlug(string slug) => EarliestWithSlug(slug, ordinal: true) is var rank and >= 0 ? KeptRecordOf(rank) : null;

    /// <summary>The show <see cref="TitleScore.IsExact"/> accepts at the strongest <see cref="TitleScore.ExactTier"/>, the first loaded among equals; if any.</summary>
    /// <remarks>
    /// What <see cref="FindExact(ShowQuery)"/> answers, without preparing a whole query: each tier's
    /// form of the text is made only when the stronger tiers found nothing, and the first two are
    /// made on the stack. A slug or a title typed as it is (what autocomplete fills in) allocates
    /// only the record found.
    /// </remarks>
    public ShowRecord? FindExact(string query)
    {
        var rank = EarliestWithSlug(query.AsSpan().Trim(), ordinal: false);
        if (rank < 0)
        {
            rank = EarliestWithTitleKeyOf(query);
        }

        if (rank < 0)
        {
            rank = EarliestWithSlug(Slug.From(query), ordinal: true);
        }

        return rank >= 0 ? KeptRecordOf(rank) : null;
    }

    public ShowRecord? FindExact(ShowQuery query)
    {
        var rank = ExactRank(query);
        return rank >= 0 ? KeptRecordOf(rank) : null;
    }

    /// <summary>
    /// The best <paramref name="max"/> shows scoring at least <see cref="TitleScore.SuggestionThreshold"/>,
    /// best first, equal scores by title: what ordering every show by its <see cref="TitleScore"/> gives.
    /// </summary>
    public List<ShowRecord> BestMatches(ShowQuery query, int max)
    {
        var results = new List<ShowRecord>(Math.Max(0, max));
        if (max <= 0 || Count == 0)
        {
            return results;
        }

        var capacity = Math.Min(max, Count);
        var scores = new double[capacity];
        var ranks = new int[capacity];
        var kept = Score(query, scores, ranks, []);
        for (var i = 0; i < kept; i++)
        {
            results.Add(Record(ranks[i]));
        }

        return results;
    }

    /// <summary>
    /// Autocomplete: shows whose title or slug starts with the text (ignoring case), or whose title key
    /// starts with its key (<see cref="ShowTitleKey"/>), by title, then the
    /// best fuzzy matches not already listed, at most <paramref name="limit"/>; the first shows for no text.
    /// </summary>
    public List<ShowRecord> Suggest(string typed, int limit)
    {
        var results = new List<ShowRecord>(Math.Max(0, limit));
        if (limit <= 0)
        {
            return results;
        }

        var text = typed.Trim();
        if (text.Length == 0)
        {
            for (var i = 0; i < Math.Min(limit, Count); i++)
            {
                results.Add(Record(_rankOfLoadIndex[i]));
            }

            return results;
        }

        var prefix = PrefixRanks(text, limit);
        foreach (var rank in prefix)
        {
            results.Add(Record(rank));
        }

        var wanted = limit - prefix.Count;
        if (wanted <= 0)
        {
            return results;
        }

        var query = new ShowQuery(text);
        var excluded = prefix.ToArray(); // sorted by rank
        var scores = new double[wanted];
        var ranks = new int[wanted];
        var kept = Score(query, scores, ranks, excluded);
        for (var i = 0; i < kept; i++)
        {
            results.Add(Record(ranks[i]));
        }

        return results;
    }

    /// <summary>
    /// The earliest loaded show whose slug equals <paramref name="slug"/> ignoring case (or exactly,
    /// when <paramref name="ordinal"/>), as a linear FirstOrDefault over the load order would find; -1 if none.
    /// Several slugs equal ignoring case can only come from hand edits.
    /// </summary>
    private int EarliestWithSlug(ReadOnlySpan<char> slug, bool ordinal)
    {
        // A binary search written out: a span cannot be captured by LowerBound's delegate.
        int lo = 0, hi = _slugOrder.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_slugs.Compare(_slugOrder[mid], slug, StringComparison.OrdinalIgnoreCase) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var best = -1;
        for (var i = lo; i < _slugOrder.Length; i++)
        {
            var rank = _slugOrder[i];
            if (!_slugs.TextEquals(rank, slug, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if ((!ordinal || _slugs.TextEquals(rank, slug, StringComparison.Ordinal)) && (best < 0 || _loadIndexOfRank[rank] < _loadIndexOfRank[best]))
            {
                best = rank;
            }
        }

        return best;
    }

    /// <summary>The earliest loaded show whose title has the <see cref="ShowTitleKey"/> of <paramref name="text"/>; -1 if none.</summary>
    private int EarliestWithTitleKeyOf(string text)
    {
        if (text.Length <= TitleKeys.StackLimit)
        {
            Span<char> key = stackalloc char[TitleKeys.StackLimit];
            if (TitleKeys.TryWrite(text, key, out var written))
            {
                return EarliestWithTitleKey(key[..written]);
            }
        }

        return EarliestWithTitleKey(ShowTitleKey.From(text));
    }

    /// <summary>The earliest loaded show whose title has this <see cref="ShowTitleKey"/>; -1 if none.</summary>
    private int EarliestWithTitleKey(ReadOnlySpan<char> key)
    {
        // The same hash as the string's (StringComparer.Ordinal), which the index was built with.
        var hash = string.GetHashCode(key);
        int lo = 0, hi = _titleKeyHashes.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_titleKeyHashes[mid] < hash)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var best = -1;
        for (var at = lo; at < _titleKeyHashes.Length && _titleKeyHashes[at] == hash; at++)
        {
            var rank = _rankOfTitleKeyHash[at];
            if ((best < 0 || _loadIndexOfRank[rank] < _loadIndexOfRank[best]) && _titles.HasTitleKey(rank, key))
            {
                best = rank;
            }
        }

        return best;
    }

    /// <summary>The rank <see cref="FindExact(ShowQuery)"/> answers with, or -1.</summary>
    private int ExactRank(ShowQuery query)
    {
        var rank = EarliestWithSlug(query.Trimmed, ordinal: false);
        if (rank < 0)
        {
            rank = EarliestWithTitleKey(query.TitleKey);
        }

        return rank >= 0 ? rank : EarliestWithSlug(query.Slug, ordinal: true);
    }

    /// <summary>Ranks of the shows whose title or slug starts with the text, ascending, at most <paramref name="limit"/>.</summary>
    private List<int> PrefixRanks(string text, int limit)
    {
        // Titles: sorted by title ignoring case, so the matches are one run of ranks.
        var lo = LowerBound(Count, r => _titles.Compare(r, text, StringComparison.OrdinalIgnoreCase) < 0);
        var hi = LowerBound(Count, r => _titles.StartsWith(r, text, StringComparison.OrdinalIgnoreCase), lo);
        var titleCount = hi - lo;

        // Slugs: a second run in slug order; keep the ranks outside the title run that could still
        // be among the first `limit` (any rank below lo, or any at all while the titles are too few).
        var slo = LowerBound(_slugOrder.Length, i => _slugs.Compare(_slugOrder[i], text, StringComparison.OrdinalIgnoreCase) < 0);
        var shi = LowerBound(_slugOrder.Length, i => _slugs.StartsWith(_slugOrder[i], text, StringComparison.OrdinalIgnoreCase), slo);
        var extras = new List<int>();
        for (var i = slo; i < shi; i++)
        {
            var rank = _slugOrder[i];
            if (rank < lo || (rank >= hi && titleCount < limit))
            {
                extras.Add(rank);
            }
        }

        // Title keys: a third run, in key order, kept by the same rule.
        var (klo, khi) = TitleKeyPrefixRun(text);
        for (var i = klo; i < khi; i++)
        {
            var rank = _titleKeyOrder[i];
            if (rank < lo || (rank >= hi && titleCount < limit))
            {
                extras.Add(rank);
            }
        }

        extras.Sort();
        var result = new List<int>(Math.Min(limit, titleCount + extras.Count));
        int t = lo, e = 0;
        while (result.Count < limit && (t < hi || e < extras.Count))
        {
            if (e > 0 && e < extras.Count && extras[e] == extras[e - 1])
            {
                e++; // a rank both its slug and its key matched
            }
            else if (e < extras.Count && (t >= hi || extras[e] < t))
            {
                result.Add(extras[e++]);
            }
            else
            {
                result.Add(t++);
            }
        }

        return result;
    }

    /// <summary>The entries of <see cref="_titleKeyOrder"/> whose title key starts with the key of <paramref name="text"/>; empty when that key is.</summary>
    private (int Start, int End) TitleKeyPrefixRun(string text)
    {
        Span<char> buffer = stackalloc char[TitleKeys.StackLimit];
        var key = text.Length <= TitleKeys.StackLimit && TitleKeys.TryWrite(text, buffer, out var written) ? buffer[..written] : ShowTitleKey.From(text).AsSpan();
        if (key.IsEmpty)
        {
            return (0, 0);
        }

        // Binary searches written out: a span cannot be captured by LowerBound's delegate.
        int lo = 0, hi = _titleKeyOrder.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (CompareTitleKey(_titleKeyOrder[mid], key).Order < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var start = lo;
        hi = _titleKeyOrder.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (CompareTitleKey(_titleKeyOrder[mid], key).StartsWith)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (start, lo);
    }

    /// <summary>The title key of the show at this rank against <paramref name="key"/>: the held key if there is one, else written from the title.</summary>
    private (int Order, bool StartsWith) CompareTitleKey(int rank, ReadOnlySpan<char> key)
    {
        var held = Array.BinarySearch(_heldKeyRanks, rank);
        return held >= 0
            ? (_heldKeys.Compare(held, key, StringComparison.Ordinal), _heldKeys.StartsWith(held, key, StringComparison.Ordinal))
            : _titles.CompareTitleKey(rank, key);
    }

    /// <summary>How many characters the title's tokens joined have.</summary>
    private int ConcatLength(int rank) => _concatLength[rank];

    /// <summary>The show at this rank, as the store holds it.</summary>
    private ShowRecord Record(int rank) => new(_idOfRank[rank], _titles[rank], _slugs[rank]);

    /// <summary>The show at this rank, as a record an exact lookup made before if one is kept.</summary>
    private ShowRecord KeptRecordOf(int rank)
    {
        ref var slot = ref _kept[rank & (KeptRecords - 1)];
        if (Volatile.Read(ref slot) is { } kept && kept.Rank == rank)
        {
            return kept.Record;
        }

        var record = Record(rank);
        Volatile.Write(ref slot, new KeptRecord(rank, record));
        return record;
    }

    /// <summary>The first index in [start, count) where <paramref name="before"/> is false; it must be true then false.</summary>
    private static int LowerBound(int count, Func<int, bool> before, int start = 0)
    {
        int lo = start, hi = count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (before(mid))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// How many characters the two strings have in common as multisets (shared buckets can only
    /// make it larger). Edit distance is at least the longer length minus this: every character
    /// of the longer string not matched by an equal one costs at least one edit.
    /// </summary>
    private int CommonCharacters(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, int rank) =>
        CommonCharactersAt(w0, w1, w2, _positionOfRank[rank]);

    private int CommonCharactersAt(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, int position) =>
        CharacterHistogram.CommonPacked(w0, w1, w2, _histograms.AsSpan(position * CharacterHistogram.PackedSize, CharacterHistogram.PackedSize));

    /// <summary>The exact matches by <see cref="TitleScore.ExactTier"/>, strongest first, each the earliest loaded of its tier.</summary>
    private int[] ExactRanks(ShowQuery query, out int count)
    {
        count = 0;
        var found = new int[3];
        if (EarliestWithSlug(query.Trimmed, ordinal: false) is var bySlug and >= 0)
        {
            found[count++] = bySlug;
        }

        if (EarliestWithTitleKey(query.TitleKey) is var byTitle and >= 0 && Array.IndexOf(found, byTitle, 0, count) < 0)
        {
            found[count++] = byTitle;
        }

        if (EarliestWithSlug(query.Slug, ordinal: true) is var bySlugged and >= 0 && Array.IndexOf(found, bySlugged, 0, count) < 0)
        {
            found[count++] = bySlugged;
        }

        return found;
    }

    private sealed record KeptRecord(int Rank, ShowRecord Record);

    /// <summary>The shows in load order, each made when it is read.</summary>
    private sealed class LoadOrder(ShowIndex index) : IReadOnlyList<ShowRecord>
    {
        public int Count => index.Count;

        public ShowRecord this[int i] => index.Record(index._rankOfLoadIndex[i]);

        public IEnumerator<ShowRecord> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
