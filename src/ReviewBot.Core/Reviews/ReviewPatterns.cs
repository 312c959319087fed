using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The line shapes both formats share that a pattern reads well. Each runs with
/// <see cref="RegexOptions.NonBacktracking"/>, whose time is linear in the line, whatever the line;
/// the shapes with separators and scores are read by the scanners (<see cref="TitleLineScanner"/>,
/// <see cref="EpisodeLineScanner"/>, <see cref="VerdictLineScanner"/>) instead.
/// Lines reach these patterns already normalised by <see cref="TextLines"/> (one space, trimmed).
/// </summary>
internal static partial class ReviewPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>The "Episode Guide" heading, also as a Markdown heading or in bold.</summary>
    [GeneratedRegex(@"^(?:#{1,6}\s*)?(?:\*\*)?Episode\s+Guide(?:\*\*)?\s*:?$", Options)]
    public static partial Regex EpisodeGuideHeading();

    /// <summary>Site furniture that is not part of the review.</summary>
    [GeneratedRegex(@"^(?:Feel Free To Check Out More Of Our .*Reviews Here!?|Leave a comment|Share this:?|Like this:?|Related)$", Options)]
    public static partial Regex Boilerplate();
}
