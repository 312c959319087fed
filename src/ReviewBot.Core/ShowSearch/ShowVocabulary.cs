using System.Numerics;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// Every distinct title word, sorted (ordinal), with the ranks of the titles using it. Sorting makes
/// "typed word starts this word" one contiguous range of word ids, and the postings let the fuzzy
/// search start from the titles that share a word with what was typed instead of from every title.
/// </summary>
internal sealed class ShowVocabulary
{
    private readonly string[] _words;        // id -> word, ordinal order
    private readonly ulong[] _letters;       // length position -> which characters occur (LetterBits)
    private readonly byte[] _histograms;     // length position -> CharacterHistogram.Size character counts
    private readonly int[] _lengthPosition;  // id -> its position in _byLength
    private readonly int[] _postingStart;    // id -> first entry in _postings; id+1 -> end
    private readonly int[] _postings;        // ranks using the word, ascending, each once
    private readonly int[] _byLength;        // ids ordered by word length
    private readonly int[] _lengthStart;     // length -> first entry in _byLength; length+1 -> end

    /// <summary>Builds the vocabulary of the titles' tokens (rank order) and returns each title's tokens as word ids.</summary>
    public ShowVocabulary(string[][] tokensByRank, out int[] wordStart, out int[] wordIds)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var tokens in tokensByRank)
        {
            total += tokens.Length;
            distinct.UnionWith(tokens);
        }

        _words = [.. distinct];
        Array.Sort(_words, StringComparer.Ordinal);
        var idOf = new Dictionary<string, int>(_words.Length, StringComparer.Ordinal);
        for (var id = 0; id < _words.Length; id++)
        {
            idOf.Add(_words[id], id);
        }

        wordStart = new int[tokensByRank.Length + 1];
        wordIds = new int[total];
        var postingCount = new int[_words.Length + 1];
        var next = 0;
        for (var rank = 0; rank < tokensByRank.Length; rank++)
        {
            wordStart[rank] = next;
            foreach (var token in tokensByRank[rank])
            {
                var id = idOf[token];
                if (!Contains(wordIds, wordStart[rank], next, id))
                {
                    postingCount[id + 1]++;
                }

                wordIds[next++] = id;
            }
        }

        wordStart[tokensByRank.Length] = next;
        _postingStart = postingCount;
        for (var id = 0; id < _words.Length; id++)
        {
            _postingStart[id + 1] += _postingStart[id];
        }

        _postings = new int[_postingStart[_words.Length]];
        var fill = _postingStart[.._words.Length];
        for (var rank = 0; rank < tokensByRank.Length; rank++)
        {
            for (var w = wordStart[rank]; w < wordStart[rank + 1]; w++)
            {
                if (!Contains(wordIds, wordStart[rank], w, wordIds[w]))
                {
                    _postings[fill[wordIds[w]]++] = rank;
                }
            }
        }

        var longest = 0;
        for (var id = 0; id < _words.Length; id++)
        {
            longest = Math.Max(longest, _words[id].Length);
        }

        _lengthStart = new int[longest + 2];
        foreach (var word in _words)
        {
            _lengthStart[word.Length + 1]++;
        }

        for (var length = 0; length <= longest; length++)
        {
            _lengthStart[length + 1] += _lengthStart[length];
        }

        _byLength = new int[_words.Length];
        _lengthPosition = new int[_words.Length];
        var at = _lengthStart[..^1];
        for (var id = 0; id < _words.Length; id++)
        {
            _lengthPosition[id] = at[_words[id].Length]++;
            _byLength[_lengthPosition[id]] = id;
        }

        // In length order: the similar-word search reads them front to back.
        _letters = new ulong[_words.Length];
        _histograms = new byte[_words.Length * CharacterHistogram.Size];
        for (var position = 0; position < _words.Length; position++)
        {
            _letters[position] = LetterBits(_words[_byLength[position]]);
            CharacterHistogram.Fill(_words[_byLength[position]], HistogramAt(position));
        }
    }

    public int Count => _words.Length;

    public string this[int id] => _words[id];

    /// <summary>How many of each character the word has (see <see cref="CharacterHistogram.Fill"/>).</summary>
    public Span<byte> Histogram(int id) => HistogramAt(_lengthPosition[id]);

    /// <summary>The ranks whose titles use the word, ascending.</summary>
    public ReadOnlySpan<int> Postings(int id) => _postings.AsSpan(_postingStart[id], _postingStart[id + 1] - _postingStart[id]);

    /// <summary>How many postings the words [first, end) have together: what enumerating them costs.</summary>
    public int PostingCount(int first, int end) => _postingStart[end] - _postingStart[first];

    /// <summary>The ids [first, end) of the words that start with <paramref name="typed"/> (ordinal).</summary>
    public (int First, int End) StartingWith(string typed)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (string.CompareOrdinal(_words[mid], typed) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var first = lo;
        hi = _words.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_words[mid].StartsWith(typed, StringComparison.Ordinal))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (first, lo);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> every word whose <see cref="TitleScore.Similarity"/> to
    /// <paramref name="typed"/> is at least <see cref="TitleScore.SimilarWordThreshold"/>, and that
    /// similarity. Only lengths that allow it are looked at, and a word is only measured when the
    /// characters each has that the other lacks do not already rule it out.
    /// </summary>
    public void FindSimilar(string typed, int typedWord, ref SimilarWords found)
    {
        var length = typed.Length;
        Span<ulong> peq = stackalloc ulong[128];
        var bitParallel = EditDistance.TryPreparePattern(typed, peq);
        var letters = LetterBits(typed);
        CharacterHistogram.Load(typed, out var h0, out var h1, out var h2);

        // The lengths differ by no more edits than the longer one allows: a contiguous range.
        var shortest = length - TitleScore.MostEdits(length, TitleScore.SimilarWordThreshold);
        var longest = Math.Min(length, _lengthStart.Length - 2);
        while (longest < _lengthStart.Length - 2 && longest + 1 - length <= TitleScore.MostEdits(longest + 1, TitleScore.SimilarWordThreshold))
        {
            longest++;
        }

        for (var other = shortest; other <= longest; other++)
        {
            var longer = Math.Max(length, other);
            var allowed = TitleScore.MostEdits(longer, TitleScore.SimilarWordThreshold);
            for (var i = _lengthStart[other]; i < _lengthStart[other + 1]; i++)
            {
                var theirs = _letters[i];

                // Each character only one side has costs at least one edit.
                if (BitOperations.PopCount(letters & ~theirs) > allowed || BitOperations.PopCount(theirs & ~letters) > allowed)
                {
                    continue;
                }

                // Nor can more edits be saved than characters the two have in common.
                if (longer - CharacterHistogram.Common(h0, h1, h2, HistogramAt(i)) > allowed)
                {
                    continue;
                }

                var id = _byLength[i];
                var word = _words[id];
                var distance = bitParallel
                    ? EditDistance.BitParallelLevenshtein(peq, length, word, allowed)
                    : EditDistance.BoundedLevenshtein(typed, word, allowed);
                if (distance <= allowed)
                {
                    found.Add(new SimilarWord(typedWord, id, TitleScore.Similarity(distance, longer)));
                }
            }
        }
    }

    private Span<byte> HistogramAt(int position) => _histograms.AsSpan(position * CharacterHistogram.Size, CharacterHistogram.Size);

    /// <summary>
    /// One bit per character that occurs: a-z, 0-9, anything else folded onto the rest. Each
    /// character one word has and the other lacks costs an edit, so the edit distance is at least
    /// the bits either side has alone (folding only makes that fewer).
    /// </summary>
    public static ulong LetterBits(string word)
    {
        var bits = 0UL;
        foreach (var c in word)
        {
            var bit = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '0' and <= '9' => 26 + (c - '0'),
                _ => 36 + (c % 28),
            };
            bits |= 1UL << bit;
        }

        return bits;
    }

    private static bool Contains(int[] ids, int start, int end, int id)
    {
        for (var i = start; i < end; i++)
        {
            if (ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }
}
