namespace ReviewBot.Core.Reviews;

/// <summary>Reads the episode guide and the body; shared by the plain-text and Markdown parsers.</summary>
internal static class ReviewSections
{
    /// <summary>
    /// Reads episode lines from <paramref name="start"/> (0-based), skipping blank lines, until the
    /// first line that is not an episode. Returns the index of that line.
    /// </summary>
    public static (List<EpisodeEntry> Episodes, int Next, ParseResult? Error) ReadEpisodeGuide(string[] lines, int start)
    {
        var episodes = new List<EpisodeEntry>();
        var afterBlank = false;
        var i = start;
        for (; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                afterBlank = true;
                continue;
            }

            // The guide may have blank lines between entries, but a body paragraph may also open with
            // "Episode 1 sets up ...": after a gap, a line that reads like prose ends the guide.
            var match = ReviewPatterns.Episode().Match(lines[i]);
            if (!match.Success || (afterBlank && episodes.Count > 0 && LooksLikeProse(lines[i])))
            {
                break;
            }

            afterBlank = false;

            var number = int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number <= 0 || number > 10_000)
            {
                return ([], i, ParseResult.Fail($"episode number {number} is out of range; expected 1 or more", i + 1));
            }

            if (episodes.Any(e => e.Number == number))
            {
                return ([], i, ParseResult.Fail($"episode {number} is listed twice in the episode guide", i + 1));
            }

            Score? score = null;
            if (match.Groups["score"].Success)
            {
                score = Score.TryParse(match.Groups["score"].Value, match.Groups["scale"].Value);
                if (score is null)
                {
                    return ([], i, ParseResult.Fail(
                        $"episode {number} has score {match.Groups["score"].Value}/{match.Groups["scale"].Value}; expected a score between 0 and the scale, like 3.5/5",
                        i + 1));
                }
            }

            var title = ReviewPatterns.DanglingScoreLabel().Replace(match.Groups["title"].Value, "").Trim();
            episodes.Add(new EpisodeEntry(number, title, score));
        }

        return (episodes, i, null);
    }

    private static bool LooksLikeProse(string line) =>
        line.Length > 120 || (line.Count(c => c == ' ') >= 9 && line[^1] is '.' or '!' or '?');

    /// <summary>
    /// The body from <paramref name="start"/> on: paragraphs joined by blank lines, boilerplate
    /// dropped, and the last verdict line taken out as the verdict.
    /// </summary>
    public static (string Body, Score? Verdict, ParseResult? Error) ReadBody(string[] lines, int start, Func<string, bool>? skip = null)
    {
        Score? verdict = null;
        var paragraphs = new List<string>();
        var current = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            var verdictMatch = ReviewPatterns.Verdict().Match(line);
            if (verdictMatch.Success)
            {
                verdict = Score.TryParse(verdictMatch.Groups["score"].Value, verdictMatch.Groups["scale"].Value);
                if (verdict is null)
                {
                    return ("", null, ParseResult.Fail(
                        $"the verdict {verdictMatch.Groups["score"].Value}/{verdictMatch.Groups["scale"].Value} is not a score; expected something like \"Verdict - 6/10\"",
                        i + 1));
                }

                Flush();
                continue;
            }

            if (line.Length == 0 || ReviewPatterns.Boilerplate().IsMatch(line) || (skip?.Invoke(line) ?? false))
            {
                Flush();
                continue;
            }

            current.Add(line);
        }

        Flush();
        return (string.Join("\n\n", paragraphs), verdict, null);

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }
    }
}
