using System.Buffers;
using System.Runtime.Intrinsics;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The typed words prepared once per lookup for comparing against title words: a bit-parallel
/// pattern for each (when it can have one) and the characters it has, in pooled storage.
/// </summary>
internal struct TypedWordPatterns : IDisposable
{
    private const int PatternSize = 128;

    private readonly string[] _typed;
    private ulong[] _patterns;   // typed word j -> PatternSize entries from j * PatternSize
    private byte[] _histograms;  // typed word j -> ShowIndex.HistogramSize character counts from j * HistogramSize
    private readonly ulong _bitParallel; // bit j: typed word j has a pattern (j < 64)

    public TypedWordPatterns(string[] typed)
    {
        _typed = typed;
        _patterns = ArrayPool<ulong>.Shared.Rent(Math.Max(1, typed.Length * PatternSize));
        _histograms = ArrayPool<byte>.Shared.Rent(Math.Max(1, typed.Length * ShowIndex.HistogramSize));
        _histograms.AsSpan(0, typed.Length * ShowIndex.HistogramSize).Clear();
        _bitParallel = 0;
        for (var j = 0; j < typed.Length; j++)
        {
            ShowIndex.FillHistogram(typed[j], _histograms.AsSpan(j * ShowIndex.HistogramSize, ShowIndex.HistogramSize));
            if (ShowMatcher.TryPreparePattern(typed[j], _patterns.AsSpan(j * PatternSize, PatternSize)) && j < 64)
            {
                _bitParallel |= 1UL << j;
            }
        }
    }

    /// <summary>Exactly <see cref="ShowMatcher.Similarity"/> of typed word j and the word.</summary>
    public readonly double Similarity(int j, string word)
    {
        var typed = _typed[j];
        var distance = (_bitParallel & (1UL << j)) != 0 && j < 64
            ? ShowMatcher.BitParallelLevenshtein(_patterns.AsSpan(j * PatternSize, PatternSize), typed.Length, word)
            : ShowMatcher.Levenshtein(typed, word);
        return 1.0 - ((double)distance / Math.Max(typed.Length, word.Length));
    }

    /// <summary>
    /// At least <see cref="Similarity"/> of typed word j and a word of this length and character
    /// counts: every character of the longer word without an equal one in the other costs an edit.
    /// </summary>
    public readonly double UpperBound(int j, int length, ReadOnlySpan<byte> histogram)
    {
        var typed = _typed[j];
        var mine = _histograms.AsSpan(j * ShowIndex.HistogramSize, ShowIndex.HistogramSize);
        var common = ShowIndex.CommonCharacters(
            Vector128.Create<byte>(mine[..16]), Vector128.Create<byte>(mine.Slice(16, 16)), Vector128.Create<byte>(mine.Slice(32, 16)), histogram);
        var longer = Math.Max(typed.Length, length);
        return 1.0 - ((double)(longer - common) / longer);
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_patterns);
        ArrayPool<byte>.Shared.Return(_histograms);
        _patterns = [];
        _histograms = [];
    }
}
