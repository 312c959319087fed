namespace ReviewBot.Core.Reviews;

/// <summary>
/// Reads "• Verdict - 6/10", "**Final Verdict:** 7.5/10", "## Verdict: 8/10", "> Verdict: 8 out of 10",
/// "Verdict: N/A" in one pass and returns what follows the word Verdict, for
/// <see cref="ReviewRules.ParseScore"/> to judge. A line is a verdict line when that value is one word,
/// a "x / y" pair, or opens with a score ("8/10 – a must watch", which is then refused on its line):
/// left in the text, such a line would store the review without the verdict its writer gave.
/// "Verdict: a fun ride that ..." is prose and stays in the body.
/// </summary>
internal static class VerdictLineScanner
{
    /// <summary>Reads the plain line: the value is a score to check, never text to show.</summary>
    public static string? Read(TextLine text, ParseSteps steps) =>
        ValueAfterTheWord(text.Plain, steps) is { Length: > 0 } value && (IsOneValue(value) || StartsWithScore(value, steps)) ? value : null;

    /// <summary>
    /// "Verdict", "## Verdict", "**Verdict:**" with nothing after it: a heading whose verdict may be
    /// the line under it ("8/10").
    /// </summary>
    public static bool IsHeading(TextLine text, ParseSteps steps) => ValueAfterTheWord(text.Plain, steps) is { Length: 0 };

    /// <summary>What follows the word Verdict (and its bold and separators), trimmed; null when the line does not open with the word.</summary>
    private static string? ValueAfterTheWord(string line, ParseSteps steps)
    {
        var n = line.Length;
        var i = SkipMarkdownPrefix(line, steps);
        if (i < n && line[i] is '•' or '*' or '·' or '-' or '–' or '—' or '+' && !(i + 1 < n && line[i] == '*' && line[i + 1] == '*'))
        {
            i = ScanText.SkipSpaces(line, i + 1, n, steps);
        }

        i = SkipBold(line, i, steps);
        if (ScanText.WordAt(line, i, "final", steps) && i + 5 < n && ScanText.IsSpace(line[i + 5]))
        {
            i = ScanText.SkipSpaces(line, i + 5, n, steps);
        }

        if (!ScanText.WordAt(line, i, "verdict", steps))
        {
            return null;
        }

        i = SkipBold(line, i + "verdict".Length, steps);
        var valueStart = i;
        while (i < n)
        {
            steps.Add(1);
            var c = line[i];
            var minusSign = ScanText.IsMinus(c) && i + 1 < n && ScanText.IsDigit(line[i + 1]) && ScanText.IsSpace(line[i - 1]);
            if (ScanText.IsSpace(c) || (ScanText.IsSeparator(c) && !minusSign))
            {
                i++;
            }
            else if (c == '*' && i + 1 < n && line[i + 1] == '*')
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        // "Verdicts differ" is prose: the word must end where the value begins.
        if (i == valueStart && i < n && !ScanText.IsDigit(line[i]) && !ScanText.IsMinus(line[i]))
        {
            return null;
        }

        var value = line[i..];
        if (value.EndsWith("**", StringComparison.Ordinal))
        {
            value = value[..^2];
        }

        steps.Add(value.Length + 1);
        return value.Trim();
    }

    /// <summary>
    /// A Markdown block quote ("> ") and heading ("## ") before the line's words: the writer's way of
    /// setting the verdict apart, not a reason to read it as prose.
    /// </summary>
    private static int SkipMarkdownPrefix(string line, ParseSteps steps)
    {
        var n = line.Length;
        var i = 0;
        while (i < n && line[i] == '>')
        {
            i = ScanText.SkipSpaces(line, i + 1, n, steps);
        }

        var hashes = i;
        while (hashes < n && line[hashes] == '#')
        {
            hashes++;
        }

        steps.Add(hashes - i + 1);
        return hashes > i && hashes - i <= 6 && hashes < n && ScanText.IsSpace(line[hashes])
            ? ScanText.SkipSpaces(line, hashes, n, steps)
            : i;
    }

    /// <summary>"8/10 …", "8.5 / 10 …", "8 out of 10 …": a number, a slash or "out of", and a number.</summary>
    private static bool StartsWithScore(string value, ParseSteps steps)
    {
        var n = value.Length;
        var i = ScanText.SkipSignedWhole(value, 0, n, steps);
        if (i == 0)
        {
            return false;
        }

        while (i + 1 < n && value[i] is '.' or ',' && ScanText.IsDigit(value[i + 1]))
        {
            i = ScanText.SkipDigits(value, i + 1, n, steps);
        }

        var at = ScanText.SkipSpaces(value, i, n, steps);
        if (at < n && value[at] == '/')
        {
            at++;
        }
        else if (ScanText.OutOfAt(value, at, steps) is { } after && after > at)
        {
            at = after;
        }
        else
        {
            return false;
        }

        at = ScanText.SkipSpaces(value, at, n, steps);
        return at < n && (ScanText.IsDigit(value[at]) || (ScanText.IsMinus(value[at]) && at + 1 < n && ScanText.IsDigit(value[at + 1])));
    }

    private static int SkipBold(string line, int i, ParseSteps steps)
    {
        steps.Add(2);
        return i + 1 < line.Length && line[i] == '*' && line[i + 1] == '*' ? i + 2 : i;
    }

    /// <summary>No spaces, except around one slash: "6/10", "6 / 10", "N/A", "great".</summary>
    private static bool IsOneValue(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? !value.Any(ScanText.IsSpace)
            : !value[..slash].Trim().Any(ScanText.IsSpace) && !value[(slash + 1)..].Trim().Any(ScanText.IsSpace);
    }
}
