using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The line shapes both formats share. Articles separate parts with a hyphen, an en dash, an em dash,
/// a pipe or a colon (the sample even uses "-|"), so every separator accepts any run of those.
/// Lines reach these patterns already normalised by <see cref="TextLines"/> (one space, trimmed).
/// </summary>
internal static partial class ReviewPatterns
{
    private const string Number = @"\d+(?:[.,]\d+)?";

    /// <summary>"Episode 3: Marginal City -| Review Score – 3.5/5", with or without a bullet or a score.</summary>
    [GeneratedRegex(
        @"^(?:[•*·\-–—+]\s*|\d+\.\s+)?Episode\s*#?(?<n>\d+)\s*(?:[:\-–—|.]+\s*)?(?<title>.*?)" +
        // A bare "Score" label needs a separator before it, so "Perfect Score – 4/5" keeps its title.
        @"(?:(?:\s*[\-–—|:(\[]+\s*(?:(?:Review\s+)?Score\s*[\-–—|:]*\s*)?|\s+Review\s+Score\s*[\-–—|:]*\s*|\s+)(?<score>" + Number + @")\s*/\s*(?<scale>" + Number + @")\s*[)\]]?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Episode();

    /// <summary>What is left after a title when the score is missing: " -| Review Score –", " –".</summary>
    [GeneratedRegex(@"(?:\s*[\-–—|:]+\s*(?:Review\s+)?Score)?[\s\-–—|:]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DanglingScoreLabel();

    /// <summary>"• Verdict - 6/10", "Verdict: 6/10", "Verdict – 6 / 10", "Final Verdict | 7.5/10".</summary>
    [GeneratedRegex(
        @"^(?:[•*·\-–—+]\s*)?(?:\*\*)?(?:Final\s+)?Verdict(?:\*\*)?\s*[\-–—|:]*\s*(?:\*\*)?\s*(?<score>" + Number + @")\s*/\s*(?<scale>" + Number + @")(?:\*\*)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Verdict();

    /// <summary>"Metallic Rouge Season 1 Review – A sci-fi anime that loses its way".</summary>
    [GeneratedRegex(
        @"^(?<show>.+?)[\s\-–—|:]+Season\s+(?<season>\d+)(?:\s+Review)?\s*(?:[\-–—|:]+\s*(?<headline>.*))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TitleLine();

    /// <summary>A "Season 1" line under the title.</summary>
    [GeneratedRegex(@"^Season\s+(?<season>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SeasonLine();

    /// <summary>The "Episode Guide" heading, also as a Markdown heading or in bold.</summary>
    [GeneratedRegex(@"^(?:#{1,6}\s*)?(?:\*\*)?Episode\s+Guide(?:\*\*)?\s*:?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex EpisodeGuideHeading();

    /// <summary>Site furniture that is not part of the review.</summary>
    [GeneratedRegex(
        @"^(?:Feel Free To Check Out More Of Our .*Reviews Here!?|Leave a comment|Share this:?|Like this:?|Related)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Boilerplate();
}
