namespace ReviewBot.Core.Reviews;

/// <param name="Season">The season number as written (sign and digits), checked by <see cref="ReviewRules.TrySeason"/>.</param>
internal readonly record struct TitleLine(string Show, string Season, string Headline);

/// <summary>
/// Reads "&lt;Show&gt; Season &lt;N&gt; Review – &lt;headline&gt;" in one pass. The show is everything before
/// the first run of spaces or separators that is followed by "Season", a number, an optional
/// "Review" and then the end of the line or a separator and the headline. A hand-written scanner
/// rather than a pattern: the pattern's lazy show followed by a separator run backtracked over every
/// pair of positions of a line of separators.
/// </summary>
internal static class TitleLineScanner
{
    /// <summary>Reads the line's structure from its plain reading; the show and headline are cut from what is shown.</summary>
    public static TitleLine? Read(TextLine text, ParseSteps steps)
    {
        var line = text.Plain;
        var n = line.Length;
        var i = 0;
        while (i < n)
        {
            steps.Add(1);
            if (!IsSpaceOrSeparator(line[i]))
            {
                i++;
                continue;
            }

            var runStart = i;
            while (i < n && IsSpaceOrSeparator(line[i]))
            {
                steps.Add(1);
                i++;
            }

            // The show has at least one character, even when the line opens with a separator.
            var showEnd = Math.Max(runStart, 1);
            if (showEnd < i && ScanText.WordAt(line, i, "season", steps) && TryRest(line, i + "season".Length, steps, out var season, out var headlineStart))
            {
                return new TitleLine(text.Shown(0, showEnd), season, text.Shown(headlineStart, n));
            }
        }

        return null;
    }

    /// <summary>
    /// A "Season 1" line under the title: the season number as written, or null for any other line.
    /// Also with a bullet or heading mark before it, a separator or "#" before the number, and "Review"
    /// or a colon after it ("• Season: 2", "## Season #2", "Season 2 Review"): each says a season as
    /// plainly, and one that disagrees with the title must not be passed over.
    /// </summary>
    public static string? ReadSeasonLine(TextLine text, ParseSteps steps)
    {
        var line = text.Plain;
        var n = line.Length;
        var start = 0;
        while (start < n && line[start] is '#' or '>' or '•' or '*' or '·' or '-' or '–' or '—' or '+')
        {
            start++;
        }

        steps.Add(start + 1);
        start = ScanText.SkipSpaces(line, start, n, steps);
        if (!ScanText.WordAt(line, start, "season", steps))
        {
            return null;
        }

        var numberStart = start + "season".Length;
        while (numberStart < n && (IsSpaceOrSeparator(line[numberStart]) || line[numberStart] == '#'))
        {
            steps.Add(1);
            numberStart++;
        }

        // A minus sign directly before the number is the number's ("Season -1"), refused as negative.
        if (numberStart > start + "season".Length && ScanText.IsMinus(line[numberStart - 1]) && numberStart < n && ScanText.IsDigit(line[numberStart])
            && (numberStart - 1 == start + "season".Length || ScanText.IsSpace(line[numberStart - 2])))
        {
            numberStart--;
        }

        var numberEnd = ScanText.SkipSignedWhole(line, numberStart, n, steps);
        if (numberEnd == numberStart)
        {
            return null;
        }

        var rest = ScanText.SkipSpaces(line, numberEnd, n, steps);
        if (rest > numberEnd && ScanText.WordAt(line, rest, "review", steps))
        {
            rest += "review".Length;
        }

        while (rest < n && IsSpaceOrSeparator(line[rest]))
        {
            steps.Add(1);
            rest++;
        }

        return rest == n ? line[numberStart..numberEnd] : null;
    }

    /// <summary>The "Season" rest can only hold spaces, digits, "Review" and one separator run, none of which starts another "Season": each character is read here at most once.</summary>
    private static bool TryRest(string line, int i, ParseSteps steps, out string season, out int headlineStart)
    {
        season = "";
        var n = line.Length;
        headlineStart = n;
        // "Season1" reads as plainly as "Season 1" (and as "Episode2" does in the guide): an earlier build
        // read a zero-width space as a space, and "Season\u200B1" is "Season1" to anyone reading it.
        var numberStart = ScanText.SkipSpaces(line, i, n, steps);
        var numberEnd = ScanText.SkipSignedWhole(line, numberStart, n, steps);
        if (numberEnd == numberStart)
        {
            return false;
        }

        season = line[numberStart..numberEnd];
        var next = ScanText.SkipSpaces(line, numberEnd, n, steps);
        if (next > numberEnd && ScanText.WordAt(line, next, "review", steps))
        {
            next += "review".Length;
        }

        next = ScanText.SkipSpaces(line, next, n, steps);
        if (next == n)
        {
            return true;
        }

        if (!ScanText.IsSeparator(line[next]))
        {
            return false;
        }

        while (next < n && ScanText.IsSeparator(line[next]))
        {
            steps.Add(1);
            next++;
        }

        headlineStart = ScanText.SkipSpaces(line, next, n, steps);
        return true;
    }

    private static bool IsSpaceOrSeparator(char c) => ScanText.IsSpace(c) || ScanText.IsSeparator(c);
}
