namespace ReviewBot.Core.Reviews;

/// <summary>
/// Reads "• Verdict - 6/10", "**Final Verdict:** 7.5/10", "Verdict: N/A" in one pass and returns
/// what follows the word Verdict, for <see cref="ReviewRules.ParseScore"/> to judge. A line is a
/// verdict line when that value is one word or a "x / y" pair; "Verdict: a fun ride that ..." is
/// prose and stays in the body.
/// </summary>
internal static class VerdictLineScanner
{
    /// <summary>Reads the plain line: the value is a score to check, never text to show.</summary>
    public static string? Read(TextLine text, ParseSteps steps)
    {
        var line = text.Plain;
        var n = line.Length;
        var i = 0;
        if (n > 0 && line[0] is '•' or '*' or '·' or '-' or '–' or '—' or '+' && !(n > 1 && line[0] == '*' && line[1] == '*'))
        {
            i = ScanText.SkipSpaces(line, 1, n, steps);
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

        value = value.Trim();
        steps.Add(value.Length + 1);
        return value.Length > 0 && IsOneValue(value) ? value : null;
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
