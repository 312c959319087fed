namespace ReviewBot.Core.Reviews;

/// <summary>
/// The season and episode numbers a review may hold. Import refuses any outside them
/// (<see cref="ReviewRules"/>), and every command that asks for one offers exactly this range, so
/// whatever was stored can be asked for and nothing is offered that could never have been stored.
/// </summary>
public static class ReviewLimits
{
    /// <summary>Season numbers start at 1 ("Season 0" is not a season of anything we review).</summary>
    public const int MaxSeason = 1_000;

    /// <summary>Episode numbers start at 1.</summary>
    public const int MaxEpisodeNumber = 10_000;
}
