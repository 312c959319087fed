using System.Globalization;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>
/// custom_id shapes (at most 100 characters, 6.5), "prefix:argument" as <see cref="IComponentHandler"/> routes them:
/// <c>ep:{showId}:{season}:{episode}</c>, <c>rv:{showId}:{season}</c>, <c>which:{episode}</c> (value <c>{showId}:{season}</c>).
/// </summary>
public static class CustomIds
{
    public const string Episode = "ep";
    public const string Review = "rv";
    public const string WhichShow = "which";

    public static string ForEpisode(long showId, int season, int number) => FormattableString.Invariant($"{Episode}:{showId}:{season}:{number}");

    public static string ForReview(long showId, int season) => FormattableString.Invariant($"{Review}:{showId}:{season}");

    public static string ForWhichShow(int number) => FormattableString.Invariant($"{WhichShow}:{number}");

    public static string ShowSeasonValue(long showId, int season) => FormattableString.Invariant($"{showId}:{season}");

    /// <summary>
    /// The answer to a custom_id of one of these prefixes that is not of its shape: a button of an
    /// older build (which named shows by slug) or a forged one. Nothing says its show is gone, and
    /// the command makes a button of today's shape.
    /// </summary>
    public static InteractionReply Unreadable(string command) =>
        InteractionReply.Ephemeral($"This button is from an older message the bot can no longer read; run `/{command}` again.");

    /// <summary>Reads the leading whole numbers of an argument ("12:1:9"); extra parts are ignored.</summary>
    public static bool TryParse(string argument, int count, out long[] numbers)
    {
        var parts = argument.Split(':');
        numbers = new long[count];
        if (parts.Length < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] > int.MaxValue)
            {
                return false;
            }
        }

        return true;
    }
}
