using System.Buffers;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The fuzzy top-K: the <see cref="TitleScore"/> scores, found without scoring every show. Partial
/// titles (every typed word starts a title word) come from the postings of the words the typed words
/// start; a typo score needs a word average or a whole similarity of at least
/// <see cref="TitleScore.SimilarWordThreshold"/> to reach the suggestion threshold, so the only titles
/// that can score through the average are those using a word at least that similar to a typed word,
/// and the rest are looked at only where their length and characters leave the whole similarity
/// able to beat the current K-th score.
/// </summary>
public sealed partial class ShowIndex
{
    /// <summary>
    /// Fills a top-K (capacity = scores.Length) with the best-scoring ranks, best first, skipping
    /// <paramref name="excluded"/> (ascending ranks). Returns how many were kept.
    /// </summary>
    private int Score(ShowQuery query, Span<double> scores, Span<int> ranks, int[] excluded)
    {
        var top = new TopMatches(scores, ranks);
        var exact = ExactRanks(query, out var exactCount);
        var seenLength = (Count >> 6) + 1;
        var seen = ArrayPool<ulong>.Shared.Rent(seenLength); // ranks already decided: excluded, exact, partial, scored
        try
        {
            seen.AsSpan(0, seenLength).Clear();
            foreach (var rank in excluded)
            {
                Mark(seen, rank);
            }

            for (var i = 0; i < exactCount; i++)
            {
                if (!IsMarked(seen, exact[i]))
                {
                    Mark(seen, exact[i]);
                    top.Offer(TitleScore.Exact, exact[i]);
                }
            }

            // Without typed words only exact matches score.
            if (query.Tokens.Length == 0)
            {
                return top.Kept;
            }

            OfferPartialTitles(query, ref top, seen);
            if (!top.CouldKeep(TitleScore.TypoCeiling))
            {
                return top.Kept;
            }

            OfferTypos(query, ref top, seen);
            return top.Kept;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(seen);
        }
    }

    /// <summary>Every title each typed word starts a word of, at their <see cref="TitleScore.Partial"/> score; marks them seen.</summary>
    private void OfferPartialTitles(ShowQuery query, ref TopMatches top, ulong[] seen)
    {
        var typed = query.Tokens;
        var n = typed.Length;
        var first = n <= 64 ? stackalloc int[n] : new int[n];
        var end = n <= 64 ? stackalloc int[n] : new int[n];
        var rarest = 0;
        for (var j = 0; j < n; j++)
        {
            (first[j], end[j]) = _vocabulary.StartingWith(typed[j]);
            if (first[j] == end[j])
            {
                return; // no title has a word starting with it
            }

            if (_vocabulary.PostingCount(first[j], end[j]) < _vocabulary.PostingCount(first[rarest], end[rarest]))
            {
                rarest = j;
            }
        }

        // Walk the titles of the typed word whose words are rarest, unless that is more than walking every title.
        if (_vocabulary.PostingCount(first[rarest], end[rarest]) <= Count)
        {
            for (var id = first[rarest]; id < end[rarest]; id++)
            {
                foreach (var rank in _vocabulary.Postings(id))
                {
                    OfferIfPartial(query, ref top, seen, rank, first, end);
                }
            }
        }
        else
        {
            for (var rank = 0; rank < Count; rank++)
            {
                OfferIfPartial(query, ref top, seen, rank, first, end);
            }
        }
    }

    private void OfferIfPartial(ShowQuery query, ref TopMatches top, ulong[] seen, int rank, scoped ReadOnlySpan<int> first, scoped ReadOnlySpan<int> end)
    {
        if (IsMarked(seen, rank))
        {
            return;
        }

        // Depends only on lengths. When it cannot be kept, the kept ones are all partial or exact
        // (above any typo score), so no typo pass follows that could mistake this rank for a typo.
        var partial = TitleScore.Partial(query.TypedLength, ConcatLength(rank));
        if (!top.CouldKeep(partial))
        {
            return;
        }

        var start = _wordStart[rank];
        var stop = _wordStart[rank + 1];
        for (var j = 0; j < first.Length; j++)
        {
            var found = false;
            for (var w = start; w < stop && !found; w++)
            {
                found = _wordIds[w] >= first[j] && _wordIds[w] < end[j];
            }

            if (!found)
            {
                return;
            }
        }

        Mark(seen, rank);
        top.Offer(partial, rank);
    }

    /// <summary>Typo scores for every rank not yet seen that could beat the K-th.</summary>
    private void OfferTypos(ShowQuery query, ref TopMatches top, ulong[] seen)
    {
        var typed = query.Tokens;
        var similar = new SimilarWords();
        var patterns = new TypedWordPatterns(typed);
        var hits = ArrayPool<byte>.Shared.Rent(Count);
        var candidates = ArrayPool<int>.Shared.Rent(Count);
        var ordered = ArrayPool<int>.Shared.Rent(Count);
        try
        {
            for (var j = 0; j < typed.Length; j++)
            {
                _vocabulary.FindSimilar(typed[j], j, ref similar);
            }

            // Which vocabulary words are similar to some typed word: the rest need no memo probe
            // for their bound.
            var similarIdsLength = (_vocabulary.Count >> 6) + 1;
            var similarIds = ArrayPool<ulong>.Shared.Rent(similarIdsLength);
            similarIds.AsSpan(0, similarIdsLength).Clear();
            var memo = new WordSimilarityMemo(similar.Count, (long)typed.Length * _vocabulary.Count);
            try
            {
                foreach (var word in similar.Items)
                {
                    memo.Set(MemoKey(word.TypedWord, word.Id), word.Similarity);
                    Mark(similarIds, word.Id);
                }

                // Titles using a similar word: the only ones whose word average can reach the threshold.
                // Those using several come first, as they are the likeliest to score well and
                // raise the bar that rules out the rest.
                var count = CollectByHits(similar.Items, seen, hits, candidates, ordered);
                Span<ulong> peq = stackalloc ulong[128];
                var layers = query.Concat.Length <= 128 ? stackalloc ulong[BigramSignature.Words * 128] : new ulong[BigramSignature.Words * query.Concat.Length];
                var whole = new WholeText(query.Concat, peq, layers);
                for (var i = 0; i < count; i++)
                {
                    Mark(seen, ordered[i]);
                    OfferTypo(typed, ref top, ref memo, in patterns, whole, similarIds, ordered[i]);
                }

                // Every other title's average is below the threshold, so its score is the typo score of
                // its whole similarity or too low: only lengths and characters close enough to the typed text count.
                OfferCloseWholeTexts(ref top, seen, whole);
            }
            finally
            {
                memo.Dispose();
                ArrayPool<ulong>.Shared.Return(similarIds);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ordered);
            ArrayPool<int>.Shared.Return(candidates);
            ArrayPool<byte>.Shared.Return(hits);
            patterns.Dispose();
            similar.Dispose();
        }
    }

    /// <summary>
    /// The ranks not seen yet in the postings of the similar words, into <paramref name="ordered"/>
    /// by how many of those words they use, most first. Returns how many.
    /// </summary>
    private int CollectByHits(ReadOnlySpan<SimilarWord> similar, ulong[] seen, byte[] hits, int[] candidates, int[] ordered)
    {
        hits.AsSpan(0, Count).Clear();
        var count = 0;
        foreach (var word in similar)
        {
            foreach (var rank in _vocabulary.Postings(word.Id))
            {
                if (IsMarked(seen, rank))
                {
                    continue;
                }

                if (hits[rank] == 0)
                {
                    candidates[count++] = rank;
                }

                if (hits[rank] < byte.MaxValue)
                {
                    hits[rank]++;
                }
            }
        }

        // Counting sort, most hits first.
        Span<int> next = stackalloc int[byte.MaxValue + 2];
        for (var i = 0; i < count; i++)
        {
            next[hits[candidates[i]]]++;
        }

        var at = 0;
        for (var h = byte.MaxValue; h >= 1; h--)
        {
            var bucket = next[h];
            next[h] = at;
            at += bucket;
        }

        for (var i = 0; i < count; i++)
        {
            ordered[next[hits[candidates[i]]]++] = candidates[i];
        }

        return count;
    }

    private void OfferTypo(string[] typed, ref TopMatches top, ref WordSimilarityMemo memo, in TypedWordPatterns patterns, scoped WholeText whole, ulong[] similarIds, int rank)
    {
        var start = _wordStart[rank];
        var end = _wordStart[rank + 1];
        var n = typed.Length;

        // Upper bounds first: a word not found similar is below 2/3, and no closer than its length
        // and characters allow; the whole text no closer than its characters allow.
        Span<double> best = n <= 64 ? stackalloc double[n] : new double[n];
        var word = _vocabulary.LongestWord <= 128 ? stackalloc char[_vocabulary.LongestWord] : new char[_vocabulary.LongestWord];
        for (var j = 0; j < n; j++)
        {
            best[j] = 0;
            for (var w = start; w < end; w++)
            {
                var id = _wordIds[w];
                if (!IsMarked(similarIds, id) || !memo.TryGet(MemoKey(j, id), out var similarity))
                {
                    similarity = Math.Min(TitleScore.SimilarWordThreshold, patterns.UpperBound(j, _vocabulary.Length(id), _vocabulary.Histogram(id)));
                }

                best[j] = Math.Max(best[j], similarity);
            }
        }

        var longer = Math.Max(whole.Length, ConcatLength(rank));
        var wholeBound = TitleScore.Similarity(longer - CommonCharacters(whole.W0, whole.W1, whole.W2, rank), longer);

        // Then the exact best word of each typed word, in order, while the average can still matter.
        // Summing the exact ones so far and the bounds of the rest, in order, never falls below the
        // exact average as computed (each term is at least its exact value).
        for (var j = 0; j <= n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += best[i];
            }

            var average = sum / n;
            if (!top.CouldKeep(TitleScore.Typo(average)))
            {
                // Only the whole text can get it kept, and then it is the score.
                if (top.CouldKeep(TitleScore.Typo(wholeBound)))
                {
                    top.Offer(TitleScore.Typo(WholeSimilarity(whole, rank, TitleScore.SimilarityFor(top.Bar))), rank);
                }

                return;
            }

            if (j == n)
            {
                // Every word exact: this is the word average of the typo score.
                var needed = Math.Max(average, TitleScore.SimilarityFor(top.Bar));
                top.Offer(TitleScore.Typo(average, WholeSimilarity(whole, rank, needed)), rank);
                return;
            }

            var exact = double.MinValue;
            for (var w = start; w < end; w++)
            {
                var id = _wordIds[w];
                var key = MemoKey(j, id);
                if (!memo.TryGet(key, out var similarity))
                {
                    similarity = patterns.Similarity(j, _vocabulary.Word(id, word));
                    memo.Set(key, similarity);
                }

                if (similarity > exact)
                {
                    exact = similarity;
                }
            }

            best[j] = exact;
        }
    }

    private int MemoKey(int typedWord, int id) => (typedWord * _vocabulary.Count) + id;

    private static void Mark(ulong[] bits, int rank) => bits[rank >> 6] |= 1UL << rank;

    private static bool IsMarked(ulong[] bits, int rank) => (bits[rank >> 6] & (1UL << rank)) != 0;
}
