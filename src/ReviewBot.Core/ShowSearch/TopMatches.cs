namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The best few (rank, score) pairs seen so far, best first, equal scores by rank (title order):
/// the order of every list the lookups return, kept whatever order the ranks are offered in.
/// </summary>
internal ref struct TopMatches
{
    private readonly Span<double> _scores;
    private readonly Span<int> _ranks;

    public TopMatches(Span<double> scores, Span<int> ranks)
    {
        _scores = scores;
        _ranks = ranks;
    }

    public int Kept { get; private set; }

    public readonly bool Full => Kept == _scores.Length;

    /// <summary>The least score that could still be kept (equal to the last kept one, it needs an earlier rank).</summary>
    public readonly double Bar => Full ? _scores[^1] : TitleScore.SuggestionThreshold;

    /// <summary>False when a show scoring at most <paramref name="upperBound"/> can no longer be kept.</summary>
    public readonly bool CouldKeep(double upperBound) => upperBound >= Bar;

    public void Offer(double score, int rank)
    {
        if (score < TitleScore.SuggestionThreshold)
        {
            return;
        }

        var at = Kept;
        if (Full)
        {
            if (score < _scores[^1] || (score == _scores[^1] && rank > _ranks[^1]))
            {
                return;
            }

            at--;
        }
        else
        {
            Kept++;
        }

        while (at > 0 && (_scores[at - 1] < score || (_scores[at - 1] == score && _ranks[at - 1] > rank)))
        {
            _scores[at] = _scores[at - 1];
            _ranks[at] = _ranks[at - 1];
            at--;
        }

        _scores[at] = score;
        _ranks[at] = rank;
    }
}
