using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The format for people who write reviews for the bot: YAML front matter (show, season, headline,
/// verdict, url, author, published), an "## Episode Guide" list, then the body in Markdown.
/// Only flat "key: value" front matter is read (no YAML library is needed for that, and nested
/// YAML has no meaning here); unknown keys are ignored so writers can keep their own.
/// </summary>
public sealed partial class MarkdownReviewParser(TimeProvider time)
{
    public MarkdownReviewParser()
        : this(TimeProvider.System)
    {
    }

    /// <summary>True when the text starts with a front matter fence.</summary>
    public static bool LooksLikeMarkdown(string text) => TextLines.FirstLine(text).Plain == "---";

    public ParseResult Parse(string text) => Parse(text, new ParseSteps());

    internal ParseResult Parse(string text, ParseSteps steps)
    {
        var lines = TextLines.Split(text, steps);
        if (lines.Length == 0 || lines[0].Plain != "---")
        {
            return ParseResult.NotReview("expected front matter starting with a \"---\" line", 1);
        }

        var end = Array.FindIndex(lines, 1, l => l.Plain == "---");
        if (end < 0)
        {
            return ParseResult.Fail("the front matter is not closed; expected a second \"---\" line", 1);
        }

        var fields = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < end; i++)
        {
            var plain = lines[i].Plain;
            if (plain.Length == 0 || plain.StartsWith('#'))
            {
                continue;
            }

            steps.Add(plain.Length + 1);
            var colon = plain.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? "" : plain[..colon].TrimEnd();
            if (!IsKey(key))
            {
                return ParseResult.Fail($"expected \"key: value\" in the front matter, found \"{ReviewRules.Shorten(plain)}\"", i + 1);
            }

            // A key given twice is a mistake whichever value was meant (YAML calls it an error too):
            // keeping either would drop the other without a word.
            if (fields.TryGetValue(key, out var earlier))
            {
                return ParseResult.Fail($"\"{key}\" is given twice in the front matter (first on line {earlier.Line}); keep one", i + 1);
            }

            fields[key] = Value(lines[i], colon + 1, i + 1);
        }

        if (!fields.TryGetValue("show", out var show))
        {
            return ParseResult.NotReview("this is not a review: the front matter has no \"show:\"", 1);
        }

        var showTitle = ReviewRules.CleanShowTitle(show.Value);
        if (ReviewRules.ShowTitleProblem(showTitle) is { } showError)
        {
            return ParseResult.Fail(showError, show.Line);
        }

        if (!fields.TryGetValue("season", out var seasonField))
        {
            return ParseResult.Fail("expected \"season: <number>\" in the front matter", 1);
        }

        if (!ReviewRules.TrySeason(seasonField.Plain, out var season, out var seasonError))
        {
            return ParseResult.Fail($"expected \"season: <number>\" in the front matter: {seasonError}", seasonField.Line);
        }

        // "show: Frieren Season 2" is the show a plain article's "Frieren Season 2 Review" names,
        // Frieren: kept whole, it was a second show with a slug and answers of its own.
        if (TitleLineScanner.Read(TextLine.From(showTitle), steps) is { } named)
        {
            if (named.Headline.Length > 0)
            {
                return ParseResult.Fail(
                    $"the show \"{ReviewRules.Shorten(showTitle, 80)}\" is a review's title line; expected the show's name alone in \"show:\", the season in \"season:\" and the rest in \"headline:\"",
                    show.Line);
            }

            if (!ReviewRules.TrySeason(named.Season, out var namedSeason, out var namedError) || namedSeason != season)
            {
                return ParseResult.Fail(
                    namedError ?? $"the show says Season {namedSeason} but \"season:\" (line {seasonField.Line}) says {season}; expected the show's name alone, or the same season",
                    show.Line);
            }

            showTitle = ReviewRules.CleanShowTitle(named.Show);
            if (ReviewRules.ShowTitleProblem(showTitle) is { } namedShowError)
            {
                return ParseResult.Fail(namedShowError, show.Line);
            }
        }

        var headline = fields.TryGetValue("headline", out var h) ? h.Value : "";
        if (ReviewRules.HeadlineProblem(headline) is { } headlineError)
        {
            return ParseResult.Fail(headlineError, h.Line);
        }

        Score? verdict = null;
        var verdictGiven = false;
        if (fields.TryGetValue("verdict", out var verdictField) && verdictField.Plain.Length > 0)
        {
            var value = ReviewRules.ParseScore(verdictField.Plain);
            if (value.Error is not null)
            {
                return ParseResult.Fail($"the verdict is {value.Error}; expected something like \"verdict: 6/10\" (or N/A for none)", verdictField.Line);
            }

            verdict = value.Score;
            verdictGiven = true;
        }

        Uri? url = null;
        if (fields.TryGetValue("url", out var urlField) && urlField.Plain.Length > 0
            && (url = Uri.TryCreate(urlField.Plain, UriKind.Absolute, out var given) ? ReviewUrl.Web(given) : null) is null)
        {
            return ParseResult.Fail($"the url \"{ReviewRules.Shorten(urlField.Plain)}\" is not an http(s) address", urlField.Line);
        }

        DateTimeOffset? published = null;
        if (fields.TryGetValue("published", out var publishedField) && publishedField.Plain.Length > 0)
        {
            if (AmbiguousDates.Problem(publishedField.Plain) is { } ambiguous)
            {
                return ParseResult.Fail(ambiguous, publishedField.Line);
            }

            if (!DateTimeOffset.TryParse(publishedField.Plain, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p))
            {
                return ParseResult.Fail($"the date \"{ReviewRules.Shorten(publishedField.Plain)}\" is not a date; expected e.g. 2024-04-05", publishedField.Line);
            }

            if (ReviewRules.PublishedProblem(publishedField.Plain, p, time.GetUtcNow()) is { } problem)
            {
                return ParseResult.Fail(problem, publishedField.Line);
            }

            published = p.ToUniversalTime();
        }

        var guide = -1;
        for (var i = end + 1; i < lines.Length && guide < 0; i++)
        {
            steps.Add(lines[i].Plain.Length + 1);
            guide = ReviewPatterns.EpisodeGuideHeading().IsMatch(lines[i].Plain) ? i : -1;
        }

        if (guide < 0)
        {
            return ParseResult.Fail("expected an \"## Episode Guide\" heading followed by a list like \"- Episode 1: <title> – 3/5\"", end + 2);
        }

        // A code block opening under the guide ends it, as a heading does: what it holds is text.
        var (episodes, next, error) = ReviewSections.ReadEpisodeGuide(lines, guide + 1, steps, l => SectionHeading().IsMatch(l) || IsFence(l));
        if (error is not null)
        {
            return error;
        }

        if (episodes.Count == 0)
        {
            return ParseResult.Fail("the episode guide lists no episodes; expected lines like \"- Episode 1: <title> – 3/5\"", Math.Min(next + 1, lines.Length));
        }

        // A "## Review" or "## Verdict" heading is structure, not prose.
        var (body, bodyVerdict, bodyVerdictLine, bodyError) = ReviewSections.ReadBody(lines, next, steps, l => SectionHeading().IsMatch(l), IsFence);
        if (bodyError is not null)
        {
            return bodyError;
        }

        // A verdict line in the text that gives another verdict than the front matter's: either may be
        // the one meant, and keeping the field's would drop the other without a word.
        if (verdictGiven && bodyVerdictLine is { } line && bodyVerdict != verdict)
        {
            return ParseResult.Fail(
                $"the verdict here is {ReviewSections.Shown(bodyVerdict)} but the front matter's \"verdict:\" (line {verdictField.Line}) gives {ReviewSections.Shown(verdict)}; expected one verdict",
                line);
        }

        var author = fields.TryGetValue("author", out var a) && a.Value.Length > 0 ? a.Value : null;
        return ParseResult.Ok(new Review(showTitle, season, headline, verdictGiven ? verdict : bodyVerdict, episodes, body, url, author, published));
    }

    /// <summary>
    /// The value after a key's colon, without the quotes around it. Where it starts and ends and whether
    /// it is quoted are read from the plain line; the value itself is kept as shown, for the fields a
    /// reader sees.
    /// </summary>
    private static Field Value(TextLine line, int from, int number)
    {
        var plain = line.Plain;
        var start = from;
        var end = plain.Length;
        while (start < end && char.IsWhiteSpace(plain[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(plain[end - 1]))
        {
            end--;
        }

        if (start < end && plain[start] is '"' or '\'' && Quoted(plain, start, end) is { } close)
        {
            var quote = plain[start];
            return new Field(Unescape(line.Shown(start + 1, close), quote), Unescape(plain[(start + 1)..close], quote), number);
        }

        if (end - start >= 2 && plain[start] is '"' or '\'' && plain[end - 1] == plain[start])
        {
            start++;
            end--;
        }

        return new Field(line.Shown(start, end), plain[start..end], number);
    }

    /// <summary>
    /// The closing quote of a value quoted as YAML quotes it, when nothing but a comment follows it:
    /// a single quote inside '…' is doubled, a double quote inside "…" escaped. Null for anything else,
    /// which is read as written.
    /// </summary>
    private static int? Quoted(string plain, int start, int end)
    {
        var quote = plain[start];
        for (var i = start + 1; i < end; i++)
        {
            if (quote == '"' && plain[i] == '\\' && i + 1 < end)
            {
                i++;
            }
            else if (plain[i] == quote && quote == '\'' && i + 1 < end && plain[i + 1] == '\'')
            {
                i++;
            }
            else if (plain[i] == quote)
            {
                var rest = i + 1;
                while (rest < end && char.IsWhiteSpace(plain[rest]))
                {
                    rest++;
                }

                // YAML's comment starts at a "#" after a space: "Frieren" # the anime.
                return rest == end || (rest > i + 1 && plain[rest] == '#') ? i : null;
            }
        }

        return null;
    }

    /// <summary>A quoted value's text: '' is ' inside single quotes, \" and \\ are " and \ inside double ones.</summary>
    private static string Unescape(string quoted, char quote)
    {
        if (quote == '\'')
        {
            return quoted.Replace("''", "'", StringComparison.Ordinal);
        }

        var text = new System.Text.StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length && quoted[i + 1] is '"' or '\\')
            {
                i++;
            }

            text.Append(quoted[i]);
        }

        return text.ToString();
    }

    /// <summary>A line that opens or closes a fenced code block.</summary>
    private static bool IsFence(string line) => line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal);

    /// <summary>A front matter key: a letter or underscore, then letters, digits, underscores and hyphens.</summary>
    private static bool IsKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A front matter value: <paramref name="Value"/> as shown, <paramref name="Plain"/> without format characters for the values read as numbers, dates and links.</summary>
    private readonly record struct Field(string Value, string Plain, int Line);

    [GeneratedRegex(@"^#{1,6}\s*(?:Review|Verdict|Body)\s*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SectionHeading();
}
