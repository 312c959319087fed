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
    private byte[] _histograms;  // typed word j -> CharacterHistogram.Size character counts from j * CharacterHistogram.Size
    private readonly ulong _bitParallel; // bit j: typed word j has a pattern (j < 64)

    public TypedWordPatterns(string[] typed)
    {
        _typed = typed;
        _patterns = ArrayPool<ulong>.Shared.Rent(Math.Max(1, typed.Length * PatternSize));
        _histograms = ArrayPool<byte>.Shared.Rent(Math.Max(1, typed.Length * CharacterHistogram.Size));
        _histograms.AsSpan(0, typed.Length * CharacterHistogram.Size).Clear();
        _bitParallel = 0;
        for (var j = 0; j < typed.Length; j++)
        {
            CharacterHistogram.Fill(typed[j], _histograms.AsSpan(j * CharacterHistogram.Size, CharacterHistogram.Size));
            if (EditDistance.TryPreparePattern(typed[j], _patterns.AsSpan(j * PatternSize, PatternSize)) && j < 64)
            {
                _bitParallel |= 1UL << j;
            }
        }
    }

    /// <summary>Exactly <see cref="TitleScore.Similarity"/> of typed word j and the word.</summary>
    public readonly double Similarity(int j, ReadOnlySpan<char> word)
    {
        var typed = _typed[j];
        var distance = (_bitParallel & (1UL << j)) != 0 && j < 64
            ? EditDistance.BitParallelLevenshtein(_patterns.AsSpan(j * PatternSize, PatternSize), typed.Length, word)
            : EditDistance.Levenshtein(typed, word);
        return TitleScore.Similarity(distance, Math.Max(typed.Length, word.Length));
    }

    /// <summary>
    /// At least <see cref="Similarity"/> of typed word j and a word of this length and character
    /// counts (packed, <see cref="CharacterHistogram.FillPacked"/>): every character of the longer word
    /// without an equal one in the other costs an edit.
    /// </summary>
    public readonly double UpperBound(int j, int length, ReadOnlySpan<byte> histogram)
    {
        var typed = _typed[j];
        var mine = _histograms.AsSpan(j * CharacterHistogram.Size, CharacterHistogram.Size);
        var common = CharacterHistogram.CommonPacked(
            Vector128.Create<byte>(mine[..16]), Vector128.Create<byte>(mine.Slice(16, 16)), Vector128.Create<byte>(mine.Slice(32, 16)), histogram);
        var longer = Math.Max(typed.Length, length);
        return TitleScore.Similarity(longer - common, longer);
    }

    public void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_patterns);
        ArrayPool<byte>.Shared.Return(_histograms);
        _patterns = [];
        _histograms = [];
    }
}
