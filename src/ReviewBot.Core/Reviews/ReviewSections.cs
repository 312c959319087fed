namespace ReviewBot.Core.Reviews;

/// <summary>Reads the episode guide and the body; shared by the plain-text and Markdown parsers.</summary>
internal static class ReviewSections
{
    /// <summary>
    /// Reads episode lines from <paramref name="start"/> (0-based), skipping blank lines, until the
    /// first line that is not an episode, where the review's text begins. Returns the index of that
    /// line. An episode-shaped line with a wrong value is an error on its line, never the end of the
    /// guide, and so is any other line with more of the guide after it (a misspelt "Episdoe 2", a
    /// "Part 2" between two halves): either way the rest of the guide would otherwise be read as the
    /// review's prose. A line <paramref name="heading"/> accepts (Markdown's "## Review") is the
    /// writer's own word that the text begins, whatever follows it.
    /// </summary>
    public static (List<EpisodeEntry> Episodes, int Next, ParseResult? Error) ReadEpisodeGuide(
        TextLine[] lines, int start, ParseSteps steps, Func<string, bool>? heading = null)
    {
        var episodes = new List<EpisodeEntry>();
        var numbers = new HashSet<int>();
        var afterBlank = false;
        var i = start;
        for (; i < lines.Length; i++)
        {
            steps.Add(1);
            if (lines[i].Plain.Length == 0)
            {
                afterBlank = true;
                continue;
            }

            // The guide may have blank lines between entries, but a body paragraph may also open with
            // "Episode 1 sets up ...": after a gap, a line that reads like prose ends the guide.
            if (EpisodeLineScanner.Read(lines[i], steps) is not { } line || (afterBlank && episodes.Count > 0 && LooksLikeProse(lines[i].Plain, steps)))
            {
                if (!(heading?.Invoke(lines[i].Plain) ?? false) && NextGuideLine(lines, i + 1, steps) is { } more)
                {
                    return ([], i, ParseResult.Fail(
                        $"\"{ReviewRules.Shorten(lines[i].Plain, 60)}\" is inside the episode guide (more episodes follow on line {more + 1}); "
                        + "expected an episode line like \"Episode 2: <title> – 3/5\", and the review's text only after the last episode", i + 1));
                }

                break;
            }

            afterBlank = false;
            if (line.Through is { } through)
            {
                // Stored as one entry it was the first episode, titled with the rest of the line, and the
                // second was missing from the guide without a word.
                return ([], i, ParseResult.Fail(
                    $"\"{ReviewRules.Shorten(lines[i].Plain, 60)}\" lists episodes {line.Number} and {through} on one line; expected one episode per line", i + 1));
            }

            if (!ReviewRules.TryEpisodeNumber(line.Number, out var number, out var numberError))
            {
                return ([], i, ParseResult.Fail(numberError!, i + 1));
            }

            if (!numbers.Add(number))
            {
                return ([], i, ParseResult.Fail($"episode {number} is listed twice in the episode guide", i + 1));
            }

            Score? score = null;
            if (line.Score is { } written && !ReviewRules.TryScore(written.Value, written.Scale, out score, out var scoreError))
            {
                return ([], i, ParseResult.Fail($"episode {number} has score {scoreError}; {ReviewRules.ScoreExpectation}", i + 1));
            }

            if (line.ScoreText is { } text)
            {
                var value = ReviewRules.ParseScore(text);
                if (value.Error is not null)
                {
                    return ([], i, ParseResult.Fail($"episode {number} has score {value.Error}; {ReviewRules.ScoreExpectation}", i + 1));
                }

                score = value.Score;
            }

            if (ReviewRules.EpisodeTitleProblem(number, line.Title) is { } titleError)
            {
                return ([], i, ParseResult.Fail(titleError, i + 1));
            }

            episodes.Add(new EpisodeEntry(number, line.Title, score));
        }

        return (episodes, i, null);
    }

    /// <summary>
    /// The next non-blank line from <paramref name="from"/> when it would go on with the guide (an
    /// episode line that does not read like prose); null when the text goes on instead. Asked once,
    /// where the guide ends, so the guide is still read in one pass.
    /// </summary>
    private static int? NextGuideLine(TextLine[] lines, int from, ParseSteps steps)
    {
        var i = from;
        while (i < lines.Length && lines[i].Plain.Length == 0)
        {
            steps.Add(1);
            i++;
        }

        return i < lines.Length && EpisodeLineScanner.Read(lines[i], steps) is not null && !LooksLikeProse(lines[i].Plain, steps) ? i : null;
    }

    private static bool LooksLikeProse(string line, ParseSteps steps)
    {
        steps.Add(line.Length);
        return line.Length > 120 || (line.Count(c => c == ' ') >= 9 && line[^1] is '.' or '!' or '?');
    }

    /// <summary>
    /// The body from <paramref name="start"/> on: paragraphs joined by blank lines, boilerplate
    /// dropped, and the verdict line taken out as the verdict, with its 1-based line (null when there
    /// is none). Lines from one <paramref name="fence"/> line to the next are text, whatever they look like. A second verdict line that gives another verdict is refused on its line: keeping
    /// either would store a verdict the writer may not have meant, without a word. <paramref name="skip"/>
    /// is asked about each line's plain reading, as every other pattern is.
    /// </summary>
    public static (string Body, Score? Verdict, int? VerdictLine, ParseResult? Error) ReadBody(
        TextLine[] lines, int start, ParseSteps steps, Func<string, bool>? skip = null, Func<string, bool>? fence = null)
    {
        Score? verdict = null;
        int? verdictLine = null;
        var paragraphs = new List<string>();
        var current = new List<string>();
        var fenced = false;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];

            // A code block is text as written: a line in it that looks like a verdict is quoted, not given.
            var isFence = fence?.Invoke(line.Plain) ?? false;
            fenced ^= isFence;
            if (fenced || isFence)
            {
                steps.Add(line.Plain.Length + 1);
                if (line.Plain.Length == 0)
                {
                    Flush();
                }
                else
                {
                    current.Add(line.Text);
                }

                continue;
            }

            var written = VerdictLineScanner.Read(line, steps);
            if (written is null && VerdictLineScanner.IsHeading(line, steps) && ScoreUnder(lines, i + 1, steps) is { } under)
            {
                // "## Verdict" with "8/10" under it: the score is the verdict, and neither line is prose.
                (i, written) = under;
            }

            if (written is not null)
            {
                var value = ReviewRules.ParseScore(written);
                if (value.Error is not null)
                {
                    return ("", null, null, ParseResult.Fail($"the verdict is {value.Error}; expected something like \"Verdict - 6/10\" (or N/A for none)", i + 1));
                }

                if (verdictLine is { } first && value.Score != verdict)
                {
                    return ("", null, null, ParseResult.Fail(
                        $"the verdict here is {Shown(value.Score)} but line {first} gives {Shown(verdict)}; expected one verdict", i + 1));
                }

                verdict = value.Score;
                verdictLine = i + 1;
                Flush();
                continue;
            }

            // Each pattern is linear in the line (see ReviewPatterns), so a line costs its length a few times over.
            var plain = line.Plain;
            steps.Add(plain.Length * 2);
            if (plain.Length == 0 || ReviewPatterns.Boilerplate().IsMatch(plain) || (skip?.Invoke(plain) ?? false))
            {
                Flush();
                continue;
            }

            current.Add(line.Text);
        }

        Flush();
        return (string.Join("\n\n", paragraphs), verdict, verdictLine, null);

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }
    }

    /// <summary>
    /// The next non-blank line from <paramref name="from"/> and its text, when all it holds is a score
    /// or N/A. Only the blank lines under one heading are read here, so the body is still read in one pass.
    /// </summary>
    private static (int Line, string Score)? ScoreUnder(TextLine[] lines, int from, ParseSteps steps)
    {
        var i = from;
        while (i < lines.Length && lines[i].Plain.Length == 0)
        {
            steps.Add(1);
            i++;
        }

        if (i == lines.Length)
        {
            return null;
        }

        var plain = lines[i].Plain;
        steps.Add(plain.Length + 1);
        return ReviewRules.ParseScore(plain).Error is null ? (i, plain) : null;
    }

    /// <summary>A verdict as a refusal quotes it: the score, or N/A for none.</summary>
    public static string Shown(Score? verdict) => verdict?.ToString() ?? "N/A";
}
