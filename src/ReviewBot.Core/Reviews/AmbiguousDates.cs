using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// All-numeric dates whose day and month could be either way round: 04/05/2024 is 4 May where most
/// writers live and April 5 in the US. The runtime's invariant reading takes the month first without
/// a word, so such a date is refused (a review file) or left out (a feed) instead of guessed. One that
/// cannot be misread stays accepted: the year first (2024-05-04), a month by name, a number above 12
/// or the same number twice (04/04/2024); the runtime does not read a day above 12 first (13/05/2024), so that is no date either.
/// </summary>
internal static partial class AmbiguousDates
{
    /// <summary>What a refused date is told to look like.</summary>
    public const string Expectation = "expected the year first (2024-05-04) or the month by name (4 May 2024)";

    /// <summary>Why <paramref name="given"/> cannot be read as one date, in words that follow "line N:"; null when it can.</summary>
    public static string? Problem(string given)
    {
        var match = DayMonthFirst().Match(given.Trim());
        if (!match.Success
            || !int.TryParse(match.Groups["a"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(match.Groups["b"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            || a is < 1 or > 12 || b is < 1 or > 12 || a == b)
        {
            return null;
        }

        var shown = ReviewRules.Shorten(given.Trim());
        var year = match.Groups["year"].Value;
        return year.Length == 4
            ? $"the date \"{shown}\" is ambiguous: it could be {year}-{b:00}-{a:00} or {year}-{a:00}-{b:00}; {Expectation}"
            : $"the date \"{shown}\" is ambiguous: its day and month could be either way round; {Expectation}";
    }

    /// <summary>Two numbers of one or two digits and an optional third, split by / . or -, at the start of the text and then its end, a space, a T or a comma.</summary>
    [GeneratedRegex(@"^(?<a>[0-9]{1,2})[/.\-](?<b>[0-9]{1,2})(?:[/.\-](?<year>[0-9]{1,4}))?(?:$|[\sT,])", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex DayMonthFirst();
}
