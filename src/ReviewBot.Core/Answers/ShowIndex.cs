using System.Buffers;
using System.Runtime.Intrinsics;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// One immutable snapshot of every show, built once per change of the shows table, answering the
/// lookups <see cref="ShowMatcher"/> defines without scanning strings per call: exact lookups are
/// dictionary hits, prefix lookups binary searches, and fuzzy scoring runs over precomputed title
/// tokens with a bounded top-K, memoised per-word similarities and a bounded edit distance.
/// Results are the same, in the same order, as scoring every show with <see cref="ShowMatcher.Score"/>.
/// </summary>
/// <remarks>
/// Everything is kept in "rank" order: shows sorted by title (ordinal, ignoring case), ties in load
/// order. That is exactly the tie-break order of every list the lookups return, so a top-K filled
/// in rank order keeps the earlier show on equal scores without comparing titles again.
/// </remarks>
public sealed class ShowIndex
{
    private static readonly StringComparer TitleOrder = StringComparer.OrdinalIgnoreCase;

    private readonly ShowRecord[] _loaded;          // load order (the store's ORDER BY title)
    private readonly ShowRecord[] _byRank;          // rank -> show
    private readonly int[] _loadIndexOfRank;        // rank -> position in _loaded
    private readonly int[] _slugOrder;              // ranks sorted by slug, ignoring case
    private readonly string[] _concat;              // rank -> the title's tokens joined ("metallicrouge")
    private readonly int[] _concatLength;           // rank -> _concat[rank].Length, without touching the string
    private readonly int[] _wordStart;              // rank -> first entry in _wordIds; rank+1 -> end
    private readonly int[] _wordIds;                // the title's tokens as ids into _vocabulary
    private readonly string[] _vocabulary;          // every distinct title token
    private readonly byte[] _histograms;            // rank -> HistogramSize character counts of _concat
    private readonly Dictionary<string, int> _bySlugIgnoreCase; // slug -> rank (earliest loaded on collisions)
    private readonly Dictionary<string, int> _bySlug;           // slug (ordinal) -> rank
    private readonly Dictionary<long, int> _byId;               // id -> rank

    private ShowIndex(IReadOnlyList<ShowRecord> shows)
    {
        _loaded = [.. shows];
        var count = _loaded.Length;
        _loadIndexOfRank = new int[count];
        for (var i = 0; i < count; i++)
        {
            _loadIndexOfRank[i] = i;
        }

        // Stable: equal titles keep load order, as LINQ's OrderBy would.
        Array.Sort(_loadIndexOfRank, (a, b) =>
        {
            var byTitle = TitleOrder.Compare(_loaded[a].Title, _loaded[b].Title);
            return byTitle != 0 ? byTitle : a.CompareTo(b);
        });

        _byRank = new ShowRecord[count];
        _concat = new string[count];
        _wordStart = new int[count + 1];
        var wordIds = new List<int>(count * 3);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        _bySlugIgnoreCase = new Dictionary<string, int>(count, StringComparer.OrdinalIgnoreCase);
        _bySlug = new Dictionary<string, int>(count, StringComparer.Ordinal);
        _byId = new Dictionary<long, int>(count);
        for (var rank = 0; rank < count; rank++)
        {
            var show = _loaded[_loadIndexOfRank[rank]];
            _byRank[rank] = show;
            var tokens = ShowMatcher.Tokens(show.Title);
            _concat[rank] = string.Concat(tokens);
            _wordStart[rank] = wordIds.Count;
            foreach (var token in tokens)
            {
                if (!vocabulary.TryGetValue(token, out var id))
                {
                    id = vocabulary.Count;
                    vocabulary.Add(token, id);
                }

                wordIds.Add(id);
            }

            KeepEarliest(_bySlugIgnoreCase, show.Slug, rank);
            KeepEarliest(_bySlug, show.Slug, rank);
            _byId.TryAdd(show.Id, rank);
        }

        _wordStart[count] = wordIds.Count;
        _concatLength = new int[count];
        _histograms = new byte[count * HistogramSize];
        for (var rank = 0; rank < count; rank++)
        {
            _concatLength[rank] = _concat[rank].Length;
            FillHistogram(_concat[rank], _histograms.AsSpan(rank * HistogramSize, HistogramSize));
        }

        _wordIds = [.. wordIds];
        _vocabulary = new string[vocabulary.Count];
        foreach (var (word, id) in vocabulary)
        {
            _vocabulary[id] = word;
        }

        _slugOrder = new int[count];
        for (var i = 0; i < count; i++)
        {
            _slugOrder[i] = i;
        }

        Array.Sort(_slugOrder, (a, b) =>
        {
            var bySlug = StringComparer.OrdinalIgnoreCase.Compare(_byRank[a].Slug, _byRank[b].Slug);
            return bySlug != 0 ? bySlug : a.CompareTo(b);
        });
    }

    /// <summary>Buckets of the character histogram: a-z, 0-9, then 12 shared by anything else.</summary>
    internal const int HistogramSize = 48;

    private const ulong Unknown = ulong.MaxValue; // a prefix mask not computed yet (real ones leave bit 63 clear)

    public static ShowIndex Empty { get; } = new([]);

    /// <summary>Every show in load order.</summary>
    public IReadOnlyList<ShowRecord> Shows => _loaded;

    public int Count => _loaded.Length;

    public static ShowIndex Build(IReadOnlyList<ShowRecord> shows) => new(shows);

    /// <summary>The show with this id, if any.</summary>
    public ShowRecord? FindById(long id) => _byId.TryGetValue(id, out var rank) ? _byRank[rank] : null;

    /// <summary>The show whose slug is exactly this (ordinal), if any.</summary>
    public ShowRecord? FindBySlug(string slug) => _bySlug.TryGetValue(slug, out var rank) ? _byRank[rank] : null;

    /// <summary>The first show (load order) that <see cref="ShowMatcher.IsExact"/> accepts, if any.</summary>
    public ShowRecord? FindExact(string query) => FindExact(new ShowQuery(query));

    public ShowRecord? FindExact(ShowQuery query)
    {
        var rank = ExactRank(query);
        return rank >= 0 ? _byRank[rank] : null;
    }

    /// <summary>
    /// The best <paramref name="max"/> shows scoring at least <see cref="ShowMatcher.SuggestionThreshold"/>,
    /// best first, equal scores by title: what ordering every show by <see cref="ShowMatcher.Score"/> gives.
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
            results.Add(_byRank[ranks[i]]);
        }

        return results;
    }

    /// <summary>
    /// Autocomplete: shows whose title or slug starts with the text (ignoring case) by title, then the
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
            for (var i = 0; i < Math.Min(limit, _loaded.Length); i++)
            {
                results.Add(_loaded[i]);
            }

            return results;
        }

        var prefix = PrefixRanks(text, limit);
        foreach (var rank in prefix)
        {
            results.Add(_byRank[rank]);
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
            results.Add(_byRank[ranks[i]]);
        }

        return results;
    }

    private void KeepEarliest(Dictionary<string, int> map, string key, int rank)
    {
        // Several slugs equal ignoring case can only come from hand edits; keep the first loaded,
        // as a linear FirstOrDefault over the load order would.
        if (!map.TryAdd(key, rank) && _loadIndexOfRank[rank] < _loadIndexOfRank[map[key]])
        {
            map[key] = rank;
        }
    }

    /// <summary>The rank of the earliest loaded show <see cref="ShowMatcher.IsExact"/> accepts, or -1.</summary>
    private int ExactRank(ShowQuery query)
    {
        var exact = ExactRanks(query, out var count);
        var best = -1;
        for (var i = 0; i < count; i++)
        {
            if (best < 0 || _loadIndexOfRank[exact[i]] < _loadIndexOfRank[best])
            {
                best = exact[i];
            }
        }

        return best;
    }

    /// <summary>Ranks of the shows whose title or slug starts with the text, ascending, at most <paramref name="limit"/>.</summary>
    private List<int> PrefixRanks(string text, int limit)
    {
        // Titles: sorted by title ignoring case, so the matches are one run of ranks.
        var lo = LowerBound(_byRank.Length, r => TitleOrder.Compare(_byRank[r].Title, text) < 0);
        var hi = LowerBound(_byRank.Length, r => _byRank[r].Title.StartsWith(text, StringComparison.OrdinalIgnoreCase), lo);
        var titleCount = hi - lo;

        // Slugs: a second run in slug order; keep the ranks outside the title run that could still
        // be among the first `limit` (any rank below lo, or any at all while the titles are too few).
        var slo = LowerBound(_slugOrder.Length, i => StringComparer.OrdinalIgnoreCase.Compare(_byRank[_slugOrder[i]].Slug, text) < 0);
        var shi = LowerBound(_slugOrder.Length, i => _byRank[_slugOrder[i]].Slug.StartsWith(text, StringComparison.OrdinalIgnoreCase), slo);
        var extras = new List<int>();
        for (var i = slo; i < shi; i++)
        {
            var rank = _slugOrder[i];
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
            if (e < extras.Count && (t >= hi || extras[e] < t))
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
    /// Fills a top-K (capacity = scores.Length) with the best-scoring ranks, best first, skipping
    /// <paramref name="excluded"/> (ascending ranks). Returns how many were kept.
    /// </summary>
    private int Score(ShowQuery query, Span<double> scores, Span<int> ranks, int[] excluded)
    {
        var capacity = scores.Length;
        var kept = 0;
        var exact = ExactRanks(query, out var exactCount);
        var typed = query.Tokens;
        var n = typed.Length;
        if (n == 0)
        {
            // Only exact matches score (1.0); everything else scores 0.
            for (var i = 0; i < exactCount && kept < capacity; i++)
            {
                if (Array.BinarySearch(excluded, exact[i]) < 0)
                {
                    Insert(scores, ranks, ref kept, 1.0, exact[i]);
                }
            }

            return kept;
        }

        var vocabularySize = _vocabulary.Length;
        var memoSize = n * vocabularySize;
        var useMasks = n < 64;
        var prefixMemo = ArrayPool<byte>.Shared.Rent(useMasks ? 1 : memoSize); // 0 unknown, 1 no, 2 yes
        var prefixMasks = ArrayPool<ulong>.Shared.Rent(Math.Max(1, vocabularySize)); // bit j: typed word j starts it
        var allTyped = useMasks ? (1UL << n) - 1 : 0;
        var similarityMemo = ArrayPool<double>.Shared.Rent(Math.Max(1, memoSize)); // NaN unknown
        try
        {
            if (useMasks)
            {
                prefixMasks.AsSpan(0, vocabularySize).Fill(Unknown);
            }
            else
            {
                prefixMemo.AsSpan(0, memoSize).Clear();
            }

            similarityMemo.AsSpan(0, memoSize).Fill(double.NaN);
            var typedLength = query.TypedLength;
            var whole = query.Concat;
            Vector128Histogram(query.Concat, out var w0, out var w1, out var w2);
            Span<ulong> peq = stackalloc ulong[128];
            var bitParallel = ShowMatcher.TryPreparePattern(whole, peq);
            var nextExcluded = 0;
            for (var rank = 0; rank < _byRank.Length; rank++)
            {
                if (nextExcluded < excluded.Length && excluded[nextExcluded] == rank)
                {
                    nextExcluded++;
                    continue;
                }

                var full = kept == capacity;
                var worst = full ? scores[capacity - 1] : 0;
                double score;
                if (IsIn(exact, exactCount, rank))
                {
                    score = 1.0;
                }
                else
                {
                    var start = _wordStart[rank];
                    var end = _wordStart[rank + 1];
                    if (end == start)
                    {
                        continue;
                    }

                    // The partial-title score depends only on lengths, so it is known before
                    // checking the words; when neither it nor a typo score (at most 0.75) could
                    // beat the worst kept, the show is out without looking at its words.
                    var titleLength = _concatLength[rank];
                    var covered = (double)typedLength / titleLength;
                    var partial = 0.8 + (0.15 * Math.Min(1, covered));
                    if (full && partial <= worst && worst >= 0.75)
                    {
                        continue;
                    }

                    if (useMasks
                            ? TypedWordsStartingATitleWord(typed, start, end, prefixMasks) == allTyped
                            : EveryTypedWordStartsATitleWord(typed, start, end, prefixMemo, vocabularySize))
                    {
                        score = partial;
                    }
                    else
                    {
                        // Typo path: at most 0.75, so skip it when the kept ones are all better.
                        if (full && worst >= 0.75)
                        {
                            continue;
                        }

                        var sum = 0.0;
                        for (var j = 0; j < n; j++)
                        {
                            var best = double.MinValue;
                            for (var w = start; w < end; w++)
                            {
                                var s = WordSimilarity(typed, j, _wordIds[w], similarityMemo, vocabularySize);
                                if (s > best)
                                {
                                    best = s;
                                }
                            }

                            sum += best;
                        }

                        var similarity = sum / n;
                        var longer = Math.Max(whole.Length, titleLength);

                        // What the whole-string similarity must exceed to matter: the word one, and
                        // what it takes to be kept at all (>= 0.5, or above the worst kept).
                        var needed = Math.Max(similarity, (full ? worst : ShowMatcher.SuggestionThreshold) / 0.75);
                        var wholeSimilarity = double.MinValue;
                        if (needed < 1.0)
                        {
                            // d > longer * (1 - needed) + 1 means whole < needed: no need to know it exactly.
                            var cap = (int)Math.Min(longer, Math.Floor(longer * (1 - needed)) + 1);
                            if (Math.Abs(whole.Length - titleLength) <= cap
                                && longer - CommonCharacters(w0, w1, w2, rank) <= cap)
                            {
                                var distance = bitParallel
                                    ? ShowMatcher.BitParallelLevenshtein(peq, whole.Length, _concat[rank])
                                    : ShowMatcher.BoundedLevenshtein(whole, _concat[rank], cap);
                                if (distance <= cap)
                                {
                                    wholeSimilarity = 1.0 - ((double)distance / longer);
                                }
                            }
                        }

                        score = 0.75 * Math.Max(similarity, wholeSimilarity);
                    }
                }

                if (score < ShowMatcher.SuggestionThreshold || (full && score <= worst))
                {
                    continue;
                }

                Insert(scores, ranks, ref kept, score, rank);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(prefixMemo);
            ArrayPool<ulong>.Shared.Return(prefixMasks);
            ArrayPool<double>.Shared.Return(similarityMemo);
        }

        return kept;
    }

    /// <summary>
    /// How many characters the two strings have in common as multisets (shared buckets can only
    /// make it larger). Edit distance is at least the longer length minus this: every character
    /// of the longer string not matched by an equal one costs at least one edit.
    /// </summary>
    private int CommonCharacters(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, int rank)
    {
        var histogram = _histograms.AsSpan(rank * HistogramSize, HistogramSize);
        var sum = Vector128.Min(w0, Vector128.Create<byte>(histogram[..16]))
            + Vector128.Min(w1, Vector128.Create<byte>(histogram.Slice(16, 16)))
            + Vector128.Min(w2, Vector128.Create<byte>(histogram.Slice(32, 16)));

        // Titles' tokens are at most ~90 characters, so no lane or total can pass 255.
        return Vector128.Sum(sum);
    }

    private static void Vector128Histogram(string text, out Vector128<byte> w0, out Vector128<byte> w1, out Vector128<byte> w2)
    {
        Span<byte> histogram = stackalloc byte[HistogramSize];
        FillHistogram(text, histogram);
        w0 = Vector128.Create<byte>(histogram[..16]);
        w1 = Vector128.Create<byte>(histogram.Slice(16, 16));
        w2 = Vector128.Create<byte>(histogram.Slice(32, 16));
    }

    private static void FillHistogram(string text, Span<byte> histogram)
    {
        foreach (var c in text)
        {
            var bucket = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '0' and <= '9' => 26 + (c - '0'),
                _ => 36 + (c % 12),
            };

            // Saturate: a count above 255 (only in a very long query) then undercounts nothing
            // that matters, since a title's own count for the bucket is far below it.
            if (histogram[bucket] < byte.MaxValue)
            {
                histogram[bucket]++;
            }
        }
    }

    /// <summary>Bit j set when typed word j starts one of the title's words (fewer than 64 typed words).</summary>
    private ulong TypedWordsStartingATitleWord(string[] typed, int start, int end, ulong[] masks)
    {
        var result = 0UL;
        for (var w = start; w < end; w++)
        {
            var id = _wordIds[w];
            ref var mask = ref masks[id];
            if (mask == Unknown)
            {
                mask = 0;
                var word = _vocabulary[id];
                for (var j = 0; j < typed.Length; j++)
                {
                    if (word.StartsWith(typed[j], StringComparison.Ordinal))
                    {
                        mask |= 1UL << j;
                    }
                }
            }

            result |= mask;
        }

        return result;
    }

    private bool EveryTypedWordStartsATitleWord(string[] typed, int start, int end, byte[] memo, int vocabularySize)
    {
        for (var j = 0; j < typed.Length; j++)
        {
            var found = false;
            for (var w = start; w < end && !found; w++)
            {
                var id = _wordIds[w];
                ref var cell = ref memo[(j * vocabularySize) + id];
                if (cell == 0)
                {
                    cell = _vocabulary[id].StartsWith(typed[j], StringComparison.Ordinal) ? (byte)2 : (byte)1;
                }

                found = cell == 2;
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private double WordSimilarity(string[] typed, int j, int id, double[] memo, int vocabularySize)
    {
        ref var cell = ref memo[(j * vocabularySize) + id];
        if (double.IsNaN(cell))
        {
            cell = ShowMatcher.Similarity(typed[j], _vocabulary[id]);
        }

        return cell;
    }

    private int[] ExactRanks(ShowQuery query, out int count)
    {
        count = 0;
        var found = new int[2];
        if (_bySlugIgnoreCase.TryGetValue(query.Trimmed, out var a))
        {
            found[count++] = a;
        }

        if (_bySlug.TryGetValue(query.Slug, out var b) && (count == 0 || b != a))
        {
            found[count++] = b;
        }

        return found;
    }

    private static bool IsIn(int[] ranks, int count, int rank)
    {
        for (var i = 0; i < count; i++)
        {
            if (ranks[i] == rank)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Inserts in order (score descending; an equal score goes after, being a later rank).</summary>
    private static void Insert(Span<double> scores, Span<int> ranks, ref int kept, double score, int rank)
    {
        var capacity = scores.Length;
        var at = kept < capacity ? kept : capacity - 1;
        while (at > 0 && scores[at - 1] < score)
        {
            scores[at] = scores[at - 1];
            ranks[at] = ranks[at - 1];
            at--;
        }

        scores[at] = score;
        ranks[at] = rank;
        if (kept < capacity)
        {
            kept++;
        }
    }
}

/// <summary>What was typed, prepared once per lookup: trimmed, slugged and split into tokens.</summary>
public sealed class ShowQuery
{
    public ShowQuery(string text)
    {
        Trimmed = text.Trim();
        Slug = Reviews.Slug.From(text);
        Tokens = Slug.Split('-', StringSplitOptions.RemoveEmptyEntries);
        Concat = string.Concat(Tokens);
        TypedLength = Concat.Length;
    }

    public string Trimmed { get; }

    public string Slug { get; }

    public string[] Tokens { get; }

    public string Concat { get; }

    public int TypedLength { get; }
}
