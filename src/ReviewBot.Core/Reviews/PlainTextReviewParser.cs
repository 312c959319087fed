namespace ReviewBot.Core.Reviews;

/// <summary>
/// The article format of the review site (see samples/metallic-rouge-season-1.txt):
/// "&lt;Show&gt; Season &lt;N&gt; Review – &lt;headline&gt;", an optional "Season N" line, "Episode Guide",
/// one "Episode N: &lt;title&gt; -| Review Score – X/5" line per episode, the body, "Verdict - 6/10".
/// Values are checked by <see cref="ReviewRules"/>, the same rules as the Markdown format's.
/// </summary>
public sealed class PlainTextReviewParser
{
    private const string ExpectedTitle = "expected a first line like \"<Show> Season <N> Review – <headline>\"";
    private const string ExpectedGuide = "expected an \"Episode Guide\" heading followed by lines like \"Episode 1: <title> – Review Score 3/5\"";

    public ParseResult Parse(string text) => Parse(text, new ParseSteps());

    internal ParseResult Parse(string text, ParseSteps steps)
    {
        var lines = TextLines.Split(text, steps);
        var first = Array.FindIndex(lines, l => l.Plain.Length > 0);
        if (first < 0)
        {
            return ParseResult.NotReview("the text is empty; " + ExpectedTitle);
        }

        var title = TitleLineScanner.Read(lines[first], steps);
        var guide = FindGuide(lines, first, steps);
        if (title is not { } found)
        {
            // Without a title line and a guide it is some other article; with a guide it is a broken review,
            // quoted as written: what keeps "Season" from being read may be a character no one sees
            // ("Rouge\u200BSeason"), which the refusal shows.
            return guide < 0
                ? ParseResult.NotReview("this is not a review: " + ExpectedTitle + " and an \"Episode Guide\"", first + 1)
                : ParseResult.Fail($"\"{ReviewRules.Shorten(lines[first].Text, 80)}\" is not a title line; {ExpectedTitle}", first + 1);
        }

        if (guide < 0)
        {
            return ParseResult.NotReview("this is not a review: no episode guide; " + ExpectedGuide, first + 2);
        }

        var show = ReviewRules.CleanShowTitle(found.Show);
        var headline = found.Headline.Trim();
        if (ReviewRules.ShowTitleProblem(show) is { } showError)
        {
            return ParseResult.Fail(showError, first + 1);
        }

        if (!ReviewRules.TrySeason(found.Season, out var season, out var seasonError))
        {
            return ParseResult.Fail(seasonError!, first + 1);
        }

        if (ReviewRules.HeadlineProblem(headline) is { } headlineError)
        {
            return ParseResult.Fail(headlineError, first + 1);
        }

        for (var i = first + 1; i < guide; i++)
        {
            if (TitleLineScanner.ReadSeasonLine(lines[i], steps) is not { } written)
            {
                continue;
            }

            if (!ReviewRules.TrySeason(written, out var lineSeason, out var lineError))
            {
                return ParseResult.Fail(lineError!, i + 1);
            }

            if (lineSeason != season)
            {
                return ParseResult.Fail(
                    $"this line says {lines[i].Plain} but the title says Season {season}; expected the same season", i + 1);
            }
        }

        var (episodes, next, error) = ReviewSections.ReadEpisodeGuide(lines, guide + 1, steps);
        if (error is not null)
        {
            return error;
        }

        if (episodes.Count == 0)
        {
            return ParseResult.Fail("the episode guide lists no episodes; " + ExpectedGuide, Math.Min(next + 1, lines.Length));
        }

        var (body, verdict, _, bodyError) = ReviewSections.ReadBody(lines, next, steps);
        return bodyError ?? ParseResult.Ok(new Review(show, season, headline, verdict, episodes, body));
    }

    private static int FindGuide(TextLine[] lines, int first, ParseSteps steps)
    {
        for (var i = first; i < lines.Length; i++)
        {
            steps.Add(lines[i].Plain.Length + 1);
            if (ReviewPatterns.EpisodeGuideHeading().IsMatch(lines[i].Plain))
            {
                return i;
            }
        }

        return -1;
    }
}
