using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Answers;

/// <summary>What /episode answers.</summary>
public abstract record EpisodeAnswer
{
    private protected EpisodeAnswer()
    {
    }

    /// <param name="Mentions">The review's sentences about this episode, in article order.</param>
    /// <param name="Previous">The guide's episode before this one, if any (guides may skip numbers).</param>
    /// <param name="Next">The guide's episode after this one, if any.</param>
    /// <param name="ReviewId">The stored review it is from (0 when not from the store), with <paramref name="UpdatedAt"/> the version it shows.</param>
    /// <param name="UpdatedAt">When that review last changed.</param>
    public sealed record Found(
        ShowRef Show,
        int Season,
        EpisodeEntry Episode,
        IReadOnlyList<string> Mentions,
        string Headline,
        Uri? SourceUrl,
        int? Previous = null,
        int? Next = null,
        long ReviewId = 0,
        DateTimeOffset? UpdatedAt = null) : EpisodeAnswer;

    public sealed record ShowNotFound(string Query, IReadOnlyList<ShowRef> Suggestions) : EpisodeAnswer;

    public sealed record SeasonNotFound(ShowRef Show, int Season, IReadOnlyList<int> AvailableSeasons) : EpisodeAnswer;

    /// <summary>"Metallic Rouge Season 1 has episodes 1–13".</summary>
    public sealed record OutOfRange(ShowRef Show, int Season, int Requested, int First, int Last) : EpisodeAnswer
    {
        /// <summary>Asked for between the first and the last: a number the guide skips, not one past its ends.</summary>
        public bool IsSkipped => Requested > First && Requested < Last;
    }

    /// <summary>
    /// No show was named or remembered and several have this episode: which one? The newest
    /// <see cref="MostOffered"/> at most, most recent first; <see cref="Total"/> counts them all.
    /// </summary>
    public sealed record WhichShow(int Number, IReadOnlyList<ShowSeason> Candidates) : EpisodeAnswer
    {
        /// <summary>The most shows offered: what one Discord select menu holds.</summary>
        public const int MostOffered = 25;

        /// <summary>How many shows have the episode, those not in <see cref="Candidates"/> too.</summary>
        public int Total { get; init; } = Candidates.Count;
    }

    /// <summary>No show was named or remembered and no review has this episode.</summary>
    public sealed record NoSuchEpisode(int Number, int? Season) : EpisodeAnswer;
}

public sealed record ShowSeason(ShowRef Show, int Season);
