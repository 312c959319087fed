using System.Buffers;
using System.Numerics;
using System.Text;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// Every distinct title word, sorted (ordinal), with the ranks of the titles using it. Sorting makes
/// "typed word starts this word" one contiguous range of word ids, and the postings let the fuzzy
/// search start from the titles that share a word with what was typed instead of from every title.
/// </summary>
/// <remarks>
/// The words are a slug's parts, so ASCII, and are held one after another in one block of bytes
/// rather than as a string each: the vocabulary of a real store has tens of thousands of words,
/// each a few characters, which as strings would cost several times their text.
/// </remarks>
internal sealed class ShowVocabulary
{
    private readonly byte[] _text;           // every word, in id order, one after another
    private readonly int[] _wordStart;       // id -> where its word starts in _text; id+1 -> end
    private readonly ulong[] _letters;       // length position -> which characters occur (LetterBits)
    private readonly byte[] _histograms;     // length position -> CharacterHistogram.PackedSize: character counts
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

        string[] words = [.. distinct];
        Array.Sort(words, StringComparer.Ordinal);
        var idOf = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        var textLength = 0;
        for (var id = 0; id < words.Length; id++)
        {
            idOf.Add(words[id], id);
            textLength += words[id].Length;
        }

        _text = new byte[textLength];
        _wordStart = new int[words.Length + 1];
        for (var id = 0; id < words.Length; id++)
        {
            if (Ascii.FromUtf16(words[id], _text.AsSpan(_wordStart[id]), out var written) != OperationStatus.Done)
            {
                throw new InvalidOperationException($"A title's word is not ASCII: \"{words[id]}\".");
            }

            _wordStart[id + 1] = _wordStart[id] + written;
        }

        wordStart = new int[tokensByRank.Length + 1];
        wordIds = new int[total];
        var postingCount = new int[words.Length + 1];
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
        for (var id = 0; id < words.Length; id++)
        {
            _postingStart[id + 1] += _postingStart[id];
        }

        _postings = new int[_postingStart[words.Length]];
        var fill = _postingStart[..words.Length];
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
        for (var id = 0; id < words.Length; id++)
        {
            longest = Math.Max(longest, words[id].Length);
        }

        _lengthStart = new int[longest + 2];
        foreach (var word in words)
        {
            _lengthStart[word.Length + 1]++;
        }

        for (var length = 0; length <= longest; length++)
        {
            _lengthStart[length + 1] += _lengthStart[length];
        }

        _byLength = new int[words.Length];
        _lengthPosition = new int[words.Length];
        var at = _lengthStart[..^1];
        for (var id = 0; id < words.Length; id++)
        {
            _lengthPosition[id] = at[words[id].Length]++;
            _byLength[_lengthPosition[id]] = id;
        }

        // In length order: the similar-word search reads them front to back.
        _letters = new ulong[words.Length];
        _histograms = new byte[words.Length * CharacterHistogram.PackedSize];
        for (var position = 0; position < words.Length; position++)
        {
            _letters[position] = LetterBits(words[_byLength[position]]);
            CharacterHistogram.FillPacked(words[_byLength[position]], HistogramAt(position));
        }
    }

    public int Count => _wordStart.Length - 1;

    /// <summary>The word's length in characters.</summary>
    public int Length(int id) => _wordStart[id + 1] - _wordStart[id];

    /// <summary>Writes the word into <paramref name="word"/> (<see cref="Length"/> characters) and returns that part.</summary>
    public Span<char> Word(int id, Span<char> word)
    {
        Ascii.ToUtf16(Bytes(id), word, out var written);
        return word[..written];
    }

    /// <summary>How many of each character the word has (see <see cref="CharacterHistogram.FillPacked"/>).</summary>
    public ReadOnlySpan<byte> Histogram(int id) => HistogramAt(_lengthPosition[id]);

    /// <summary>The ranks whose titles use the word, ascending.</summary>
    public ReadOnlySpan<int> Postings(int id) => _postings.AsSpan(_postingStart[id], _postingStart[id + 1] - _postingStart[id]);

    /// <summary>How many postings the words [first, end) have together: what enumerating them costs.</summary>
    public int PostingCount(int first, int end) => _postingStart[end] - _postingStart[first];

    /// <summary>The ids [first, end) of the words that start with <paramref name="typed"/> (ordinal).</summary>
    public (int First, int End) StartingWith(string typed)
    {
        // Ordinal order of ASCII words is their bytes' order, and a typed word that is not ASCII
        // (never, from a slug) compares as its UTF-16 code units would.
        var word = LongestWord <= 128 ? stackalloc char[LongestWord] : new char[LongestWord];
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (Word(mid, word).SequenceCompareTo(typed) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var first = lo;
        hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (Word(mid, word).StartsWith(typed))
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
        var word = LongestWord <= 128 ? stackalloc char[LongestWord] : new char[LongestWord];
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
                if (longer - CharacterHistogram.CommonPacked(h0, h1, h2, HistogramAt(i)) > allowed)
                {
                    continue;
                }

                var id = _byLength[i];
                var text = Word(id, word);
                var distance = bitParallel
                    ? EditDistance.BitParallelLevenshtein(peq, length, text, allowed)
                    : EditDistance.BoundedLevenshtein(typed, text, allowed);
                if (distance <= allowed)
                {
                    found.Add(new SimilarWord(typedWord, id, TitleScore.Similarity(distance, longer)));
                }
            }
        }
    }

    /// <summary>The longest word's length: what a buffer for any word needs.</summary>
    public int LongestWord => _lengthStart.Length - 2;

    private ReadOnlySpan<byte> Bytes(int id) => _text.AsSpan(_wordStart[id], _wordStart[id + 1] - _wordStart[id]);

    private Span<byte> HistogramAt(int position) => _histograms.AsSpan(position * CharacterHistogram.PackedSize, CharacterHistogram.PackedSize);

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
