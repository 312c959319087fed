using System.Runtime.Intrinsics;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The whole-text half of the typo score: the typed words run together against each title's words
/// run together. Titles are walked by that length, and ruled out by length, character counts and
/// character pairs before any edit distance is measured, and then only up to the distance that
/// could still beat the current K-th score.
/// </summary>
public sealed partial class ShowIndex
{
    /// <summary>Ranks not seen yet, by concatenated length, where the whole similarity could still beat the K-th.</summary>
    private void OfferCloseWholeTexts(ref TopMatches top, ulong[] seen, scoped WholeText whole)
    {
        for (var length = 1; length < _concatLengthStart.Length - 1; length++)
        {
            var longer = Math.Max(whole.Length, length);
            if (!top.CouldKeep(TitleScore.Typo(LengthBound(whole.Length, length))))
            {
                continue;
            }

            for (var position = _concatLengthStart[length]; position < _concatLengthStart[length + 1]; position++)
            {
                var rank = _byConcatLength[position];
                if (IsMarked(seen, rank))
                {
                    continue;
                }

                // Every character of the longer text without an equal one in the other costs an edit.
                var common = CommonCharactersAt(whole.W0, whole.W1, whole.W2, position);
                if (!top.CouldKeep(TitleScore.Typo(TitleScore.Similarity(longer - common, longer))))
                {
                    continue;
                }

                // Each edit breaks at most two adjacent pairs. A similarity of at least s = SimilarityFor(Bar)
                // allows d <= longer · (1 - s); the epsilon keeps an exact tie with the K-th
                // (an integer that rounding would put just below) from being dropped.
                var allowed = (int)Math.Floor((longer * (1 - TitleScore.SimilarityFor(top.Bar))) + 1e-9);
                var shared = BigramSignature.MaxShared(whole.PairLayers, whole.PairDepth, _bigrams.AsSpan(position * BigramSignature.Words, BigramSignature.Words));
                if (shared < longer - 1 - (2 * allowed))
                {
                    continue;
                }

                top.Offer(TitleScore.Typo(WholeSimilarity(whole, rank, TitleScore.SimilarityFor(top.Bar))), rank);
            }
        }
    }

    /// <summary>
    /// <see cref="TitleScore.Similarity"/> of the typed and title concatenations when it is at least
    /// <paramref name="needed"/>; otherwise possibly <see cref="double.MinValue"/> (it then does not matter).
    /// </summary>
    private double WholeSimilarity(scoped WholeText whole, int rank, double needed)
    {
        if (needed >= 1.0)
        {
            return double.MinValue;
        }

        var titleLength = ConcatLength(rank);
        var longer = Math.Max(whole.Length, titleLength);

        // d > longer · (1 - needed) + 1 means the similarity is below needed: no need to know it exactly.
        var cap = (int)Math.Min(longer, Math.Floor(longer * (1 - needed)) + 1);
        if (Math.Abs(whole.Length - titleLength) > cap || longer - CommonCharacters(whole.W0, whole.W1, whole.W2, rank) > cap)
        {
            return double.MinValue;
        }

        var title = titleLength <= 128 ? stackalloc char[titleLength] : new char[titleLength];
        ConcatText(rank, title);
        var distance = whole.BitParallel
            ? EditDistance.BitParallelLevenshtein(whole.Pattern, whole.Length, title, cap)
            : EditDistance.BoundedLevenshtein(whole.Text, title, cap);
        return distance <= cap ? TitleScore.Similarity(distance, longer) : double.MinValue;
    }

    /// <summary>The most <see cref="TitleScore.Similarity"/> can be for these lengths (edit distance is at least their difference).</summary>
    private static double LengthBound(int a, int b) => TitleScore.Similarity(Math.Abs(a - b), Math.Max(a, b));

    /// <summary>Writes the title's tokens joined into <paramref name="text"/> (<see cref="ConcatLength"/> characters).</summary>
    private void ConcatText(int rank, Span<char> text)
    {
        var at = 0;
        for (var w = _wordStart[rank]; w < _wordStart[rank + 1]; w++)
        {
            at += _vocabulary.Word(_wordIds[w], text[at..]).Length;
        }
    }

    /// <summary>The typed words joined, prepared once per lookup for whole-text comparisons.</summary>
    private readonly ref struct WholeText
    {
        public WholeText(string text, Span<ulong> pattern, Span<ulong> pairLayers)
        {
            Text = text;
            PairDepth = BigramSignature.Layers(text, pairLayers);
            PairLayers = pairLayers;
            Pattern = pattern;
            BitParallel = EditDistance.TryPreparePattern(text, pattern);
            CharacterHistogram.Load(text, out var w0, out var w1, out var w2);
            W0 = w0;
            W1 = w1;
            W2 = w2;
        }

        public string Text { get; }

        public int Length => Text.Length;

        public ReadOnlySpan<ulong> Pattern { get; }

        public bool BitParallel { get; }

        public ReadOnlySpan<ulong> PairLayers { get; }

        public int PairDepth { get; }

        public Vector128<byte> W0 { get; }

        public Vector128<byte> W1 { get; }

        public Vector128<byte> W2 { get; }
    }
}
