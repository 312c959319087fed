using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Answers;

/// <summary>A show as answers name it.</summary>
public sealed record ShowRef(string Title, string Slug);

/// <summary>What /review answers. Not-found cases are answers too, with something helpful to say.</summary>
public abstract record ReviewAnswer
{
    private protected ReviewAnswer()
    {
    }

    public sealed record Found(ReviewDetails Review) : ReviewAnswer;

    /// <summary>No show by that name; <paramref name="Suggestions"/> are the closest titles, best first.</summary>
    public sealed record ShowNotFound(string Query, IReadOnlyList<ShowRef> Suggestions) : ReviewAnswer;

    /// <summary>The show exists but has no review for that season.</summary>
    public sealed record SeasonNotFound(ShowRef Show, int Season, IReadOnlyList<int> AvailableSeasons) : ReviewAnswer;
}

/// <param name="AverageEpisodeScore">Mean of the scored episodes, one decimal, on their scale (3.0/5 for the sample).</param>
/// <param name="Best">The highest-scored episodes (ties included).</param>
/// <param name="Worst">The lowest-scored episodes (ties included); empty when all scores are equal.</param>
/// <param name="ReviewId">The stored review's id (what members rate); 0 when not from the store.</param>
/// <param name="UpdatedAt">When the stored review last changed: a version for anything rendered from it.</param>
/// <param name="Community">Members' ratings; null when not asked for.</param>
public sealed record ReviewDetails(
    ShowRef Show,
    int Season,
    string Headline,
    Score? Verdict,
    string Summary,
    IReadOnlyList<EpisodeEntry> Episodes,
    Score? AverageEpisodeScore,
    IReadOnlyList<EpisodeEntry> Best,
    IReadOnlyList<EpisodeEntry> Worst,
    Uri? SourceUrl,
    string? Author,
    DateTimeOffset? Published,
    long ReviewId = 0,
    DateTimeOffset? UpdatedAt = null,
    CommunityScore? Community = null);
