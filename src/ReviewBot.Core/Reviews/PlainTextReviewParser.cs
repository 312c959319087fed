using System.Globalization;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The article format of the review site (see samples/metallic-rouge-season-1.txt):
/// "&lt;Show&gt; Season &lt;N&gt; Review – &lt;headline&gt;", an optional "Season N" line, "Episode Guide",
/// one "Episode N: &lt;title&gt; -| Review Score – X/5" line per episode, the body, "Verdict - 6/10".
/// </summary>
public sealed class PlainTextReviewParser
{
    private const string ExpectedTitle = "expected a first line like \"<Show> Season <N> Review – <headline>\"";
    private const string ExpectedGuide = "expected an \"Episode Guide\" heading followed by lines like \"Episode 1: <title> – Review Score 3/5\"";

    public ParseResult Parse(string text)
    {
        var lines = TextLines.Split(text);
        var first = Array.FindIndex(lines, l => l.Length > 0);
        if (first < 0)
        {
            return ParseResult.NotReview("the text is empty; " + ExpectedTitle);
        }

        var title = ReviewPatterns.TitleLine().Match(lines[first]);
        var guide = Array.FindIndex(lines, first, l => ReviewPatterns.EpisodeGuideHeading().IsMatch(l));
        if (!title.Success)
        {
            // Without a title line and a guide it is some other article; with a guide it is a broken review.
            return guide < 0
                ? ParseResult.NotReview("this is not a review: " + ExpectedTitle + " and an \"Episode Guide\"", first + 1)
                : ParseResult.Fail(ExpectedTitle, first + 1);
        }

        var show = title.Groups["show"].Value.Trim().TrimEnd('-', '–', '—', '|', ':').Trim();
        var season = int.Parse(title.Groups["season"].Value, CultureInfo.InvariantCulture);
        var headline = title.Groups["headline"].Value.Trim();
        if (guide < 0)
        {
            return ParseResult.NotReview("this is not a review: no episode guide; " + ExpectedGuide, first + 2);
        }

        for (var i = first + 1; i < guide; i++)
        {
            var seasonLine = ReviewPatterns.SeasonLine().Match(lines[i]);
            if (seasonLine.Success && int.Parse(seasonLine.Groups["season"].Value, CultureInfo.InvariantCulture) != season)
            {
                return ParseResult.Fail(
                    $"this line says {lines[i]} but the title says Season {season}; expected the same season", i + 1);
            }
        }

        var (episodes, next, error) = ReviewSections.ReadEpisodeGuide(lines, guide + 1);
        if (error is not null)
        {
            return error;
        }

        if (episodes.Count == 0)
        {
            return ParseResult.Fail("the episode guide lists no episodes; " + ExpectedGuide, Math.Min(next + 1, lines.Length));
        }

        var (body, verdict, bodyError) = ReviewSections.ReadBody(lines, next);
        return bodyError ?? ParseResult.Ok(new Review(show, season, headline, verdict, episodes, body));
    }
}
