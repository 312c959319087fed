using System.Globalization;

namespace ReviewBot.Core.Reviews;

/// <summary>An episode line as written, before its values are checked.</summary>
/// <param name="Number">The episode number as written (sign and digits).</param>
/// <param name="Title">The title without its score and score label.</param>
/// <param name="Score">The score's two numbers as written, when the line ends in one.</param>
/// <param name="ScoreText">What follows a "Score" label when it is not a score: "N/A", or something to refuse.</param>
/// <param name="Through">The second number of a line for two episodes ("Episode 1-2", "Episode 1 &amp; 2"), to refuse; null for one episode.</param>
internal readonly record struct EpisodeLine(string Number, string Title, (string Value, string Scale)? Score, string? ScoreText, string? Through = null);

/// <summary>
/// Reads "Episode 3: Marginal City -| Review Score – 3.5/5" (with or without a bullet, a label or a
/// score) in a constant number of passes over the line: the head forwards, the score backwards from
/// the end, the label backwards from the score. A line is episode-shaped when, after an optional
/// bullet, it says "Episode", an optional "#", and a number, signed or in any digits: "Episode -1" and
/// "Episode ٣" are episode lines with a wrong number, not prose.
/// </summary>
internal static class EpisodeLineScanner
{
    /// <summary>Reads the line's structure from its plain reading; the title is cut from what is shown.</summary>
    public static EpisodeLine? Read(TextLine text, ParseSteps steps)
    {
        var line = text.Plain;
        var n = line.Length;
        var i = SkipBullet(line, steps);
        if (!ScanText.WordAt(line, i, "episode", steps))
        {
            return null;
        }

        i = ScanText.SkipSpaces(line, i + "episode".Length, n, steps);
        if (i < n && line[i] == '#')
        {
            i++;
        }

        var numberStart = i;
        var numberEnd = ScanText.SkipSignedWhole(line, i, n, steps);
        if (numberEnd == numberStart)
        {
            return null;
        }

        var number = line[numberStart..numberEnd];
        if (SecondNumber(line, numberEnd, steps) is { } through)
        {
            return new EpisodeLine(number, "", null, null, through);
        }

        var afterSpaces = ScanText.SkipSpaces(line, numberEnd, n, steps);
        i = afterSpaces;
        while (i < n && (ScanText.IsSeparator(line[i]) || line[i] == '.'))
        {
            steps.Add(1);
            i++;
        }

        var titleStart = ScanText.SkipSpaces(line, i, n, steps);
        var separated = titleStart > numberEnd;

        // Words straight after the number ("Episode 1 was a great start.") are a sentence about the
        // episode, not its entry, unless the line ends in the entry's score: read as an entry, a short
        // first paragraph after the guide was an episode listed twice or one the guide does not have.
        var marked = i > afterSpaces || titleStart == n || OpensTitle(line[titleStart]);
        if (TrailingScore(line, titleStart, separated, steps) is { } score)
        {
            var titleEnd = StripLabel(line, titleStart, score.Start, steps, out _);
            return new EpisodeLine(number, text.Shown(titleStart, titleEnd).Trim(), (score.Value, score.Scale), null);
        }

        // No score at the end: a "Score" label may still be followed by something else ("N/A", "tbd").
        if (LabelledText(line, titleStart, steps) is { } labelled)
        {
            return new EpisodeLine(number, text.Shown(titleStart, labelled.TitleEnd).Trim(), null, labelled.Text);
        }

        if (!marked)
        {
            return null;
        }

        var end = StripDangling(line, titleStart, n, steps);
        return new EpisodeLine(number, text.Shown(titleStart, end).Trim(), null, null);
    }

    /// <summary>
    /// The second number of "Episode 1-2:", "Episode 1 &amp; 2 –", "Episode 1 and 2", "Episode 1, 2:": a
    /// second number after a dash that joins it to the first, or after "&amp;", "+", ",", "and" or "to",
    /// with nothing but a separator or the end after it. A dash with spaces around it is a separator
    /// ("Episode 2 – 2 Fast 2 Furious"), and so is a number the title opens with.
    /// </summary>
    private static string? SecondNumber(string line, int numberEnd, ParseSteps steps)
    {
        var n = line.Length;
        int start;
        if (numberEnd + 1 < n && line[numberEnd] is '-' or '–' or '—' && ScanText.IsDigit(line[numberEnd + 1]))
        {
            start = numberEnd + 1;
        }
        else
        {
            var joiner = ScanText.SkipSpaces(line, numberEnd, n, steps);
            if (joiner < n && line[joiner] is '&' or '+' or ',')
            {
                start = ScanText.SkipSpaces(line, joiner + 1, n, steps);
            }
            else if (joiner > numberEnd && (ScanText.WordAt(line, joiner, "and", steps) || ScanText.WordAt(line, joiner, "to", steps)))
            {
                var word = line[joiner] is 'a' or 'A' ? "and".Length : "to".Length;
                start = ScanText.SkipSpaces(line, joiner + word, n, steps);
                if (start == joiner + word)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        var end = ScanText.SkipDigits(line, start, n, steps);
        if (end == start)
        {
            return null;
        }

        var after = ScanText.SkipSpaces(line, end, n, steps);
        return after == n || ScanText.IsSeparator(line[after]) || line[after] == '.' ? line[start..end] : null;
    }

    /// <summary>A quote or bracket that opens a title written without a colon: "Episode 2 “Wander”", "Episode 2 (Wander)".</summary>
    private static bool OpensTitle(char c) =>
        c is '"' or '\'' || char.GetUnicodeCategory(c) is UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation;

    private static int SkipBullet(string line, ParseSteps steps)
    {
        var n = line.Length;
        if (n > 0 && line[0] is '•' or '*' or '·' or '-' or '–' or '—' or '+')
        {
            return ScanText.SkipSpaces(line, 1, n, steps);
        }

        // "3. Episode 3: ..." in a numbered list.
        var digits = 0;
        while (digits < n && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        steps.Add(digits + 1);
        if (digits > 0 && digits + 1 < n && line[digits] == '.' && ScanText.IsSpace(line[digits + 1]))
        {
            return ScanText.SkipSpaces(line, digits + 1, n, steps);
        }

        return 0;
    }

    /// <summary>
    /// "… 3.5/5", "… (3/5)", "… – 3 out of 5", "… – -1/5" at the end of the line. The score must follow a space, a
    /// separator, a bracket or the word "Score", so "Fate/Zero" and "Part1/2" stay titles. A hyphen
    /// directly before the number after a space is a minus sign ("– -1/5"), kept for the check to refuse.
    /// </summary>
    private static (int Start, string Value, string Scale)? TrailingScore(string line, int titleStart, bool separated, ParseSteps steps)
    {
        var end = line.Length;
        if (end > titleStart && line[end - 1] is ')' or ']')
        {
            end--;
        }

        end = ScanText.SkipSpacesBack(line, end, titleStart, steps);
        var scaleStart = SkipNumberBack(line, end, titleStart, steps);
        if (scaleStart == end)
        {
            return null;
        }

        if (scaleStart > titleStart && ScanText.IsMinus(line[scaleStart - 1]))
        {
            scaleStart--;
        }

        // "3/5", or "3 out of 5" as a writer may spell it out.
        var slash = ScanText.SkipSpacesBack(line, scaleStart, titleStart, steps);
        int between;
        if (slash > titleStart && line[slash - 1] == '/')
        {
            between = slash - 1;
        }
        else if (slash < scaleStart && ScanText.OutOfEndsAt(line, slash, titleStart, steps) is { } outOf)
        {
            between = outOf;
        }
        else
        {
            return null;
        }

        var valueEnd = ScanText.SkipSpacesBack(line, between, titleStart, steps);
        var valueStart = SkipNumberBack(line, valueEnd, titleStart, steps);
        if (valueStart == valueEnd)
        {
            return null;
        }

        if (valueStart > titleStart && ScanText.IsMinus(line[valueStart - 1])
            && (valueStart - 1 == titleStart || ScanText.IsSpace(line[valueStart - 2])))
        {
            valueStart--;
        }

        var bounded = valueStart == titleStart
            ? separated
            : ScanText.IsSpace(line[valueStart - 1]) || ScanText.IsSeparator(line[valueStart - 1]) || line[valueStart - 1] is '(' or '['
              || ScanText.WordEndsAt(line, valueStart, titleStart, "score", steps);
        return bounded ? (valueStart, line[valueStart..valueEnd], line[scaleStart..end]) : null;
    }

    /// <summary>Digits, points and commas before <paramref name="end"/>: a number as written, checked later.</summary>
    private static int SkipNumberBack(string line, int end, int start, ParseSteps steps)
    {
        var i = end;
        while (i > start && (ScanText.IsDigit(line[i - 1]) || line[i - 1] is '.' or ','))
        {
            i--;
        }

        steps.Add(end - i + 1);
        return i;
    }

    /// <summary>
    /// The end of the title before a score at <paramref name="end"/>: drops the separators and a
    /// "Review Score" or "– Score" label, but keeps a title's own last word "Score" ("Perfect Score – 4/5").
    /// </summary>
    private static int StripLabel(string line, int start, int end, ParseSteps steps, out bool labelled)
    {
        labelled = false;
        var j = SkipSeparatorsBack(line, end, start, brackets: true, steps);
        if (!ScanText.WordEndsAt(line, j, start, "score", steps))
        {
            return j;
        }

        var beforeScore = j - "score".Length;
        var k = ScanText.SkipSpacesBack(line, beforeScore, start, steps);
        if (k < beforeScore && ScanText.WordEndsAt(line, k, start, "review", steps))
        {
            labelled = true;
            return SkipSeparatorsBack(line, k - "review".Length, start, brackets: true, steps);
        }

        if (k == start || ScanText.IsSeparator(line[k - 1]) || line[k - 1] is '(' or '[')
        {
            labelled = true;
            return SkipSeparatorsBack(line, k, start, brackets: true, steps);
        }

        return j;
    }

    /// <summary>"… Review Score – N/A": the last "Score" label and what follows it, when something does.</summary>
    private static (int TitleEnd, string Text)? LabelledText(string line, int start, ParseSteps steps)
    {
        steps.Add(line.Length - start + 1);
        var at = line.LastIndexOf("score", StringComparison.OrdinalIgnoreCase);
        if (at < start)
        {
            return NotRatedWithoutLabel(line, start, steps);
        }

        var after = at + "score".Length;
        var valueStart = SkipSeparatorsForward(line, after, steps);
        if (valueStart == after || valueStart == line.Length)
        {
            return NotRatedWithoutLabel(line, start, steps);
        }

        var titleEnd = StripLabel(line, start, after, steps, out var labelled);
        return labelled ? (titleEnd, line[valueStart..].Trim()) : NotRatedWithoutLabel(line, start, steps);
    }

    /// <summary>"… – N/A" without a label: a separator, then N/A at the end.</summary>
    private static (int TitleEnd, string Text)? NotRatedWithoutLabel(string line, int start, ParseSteps steps)
    {
        var end = line.Length;
        var valueStart = end;
        while (valueStart > start && !ScanText.IsSpace(line[valueStart - 1]) && !ScanText.IsSeparator(line[valueStart - 1]) && end - valueStart < 4)
        {
            valueStart--;
        }

        steps.Add(end - valueStart + 1);
        if (valueStart == start || !ReviewRules.IsNotRated(line[valueStart..end]))
        {
            return null;
        }

        var before = ScanText.SkipSpacesBack(line, valueStart, start, steps);
        if (before == start || !ScanText.IsSeparator(line[before - 1]))
        {
            return null;
        }

        return (SkipSeparatorsBack(line, before, start, brackets: false, steps), line[valueStart..end]);
    }

    /// <summary>What is left after a title when the score is missing: " -| Review Score –", " –".</summary>
    private static int StripDangling(string line, int start, int end, ParseSteps steps)
    {
        var j = SkipSeparatorsBack(line, end, start, brackets: false, steps);
        var stripped = StripLabel(line, start, j, steps, out var labelled);
        return labelled ? stripped : j;
    }

    private static int SkipSeparatorsBack(string line, int end, int start, bool brackets, ParseSteps steps)
    {
        var i = end;
        while (i > start && (ScanText.IsSpace(line[i - 1]) || ScanText.IsSeparator(line[i - 1]) || (brackets && line[i - 1] is '(' or '[')))
        {
            i--;
        }

        steps.Add(end - i + 1);
        return i;
    }

    private static int SkipSeparatorsForward(string line, int i, ParseSteps steps)
    {
        var from = i;
        while (i < line.Length && (ScanText.IsSpace(line[i]) || ScanText.IsSeparator(line[i])))
        {
            i++;
        }

        steps.Add(i - from + 1);
        return i;
    }
}
