using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The format for people who write reviews for the bot: YAML front matter (show, season, headline,
/// verdict, url, author, published), an "## Episode Guide" list, then the body in Markdown.
/// Only flat "key: value" front matter is read (no YAML library is needed for that, and nested
/// YAML has no meaning here); unknown keys are ignored so writers can keep their own.
/// </summary>
public sealed partial class MarkdownReviewParser
{
    /// <summary>True when the text starts with a front matter fence.</summary>
    public static bool LooksLikeMarkdown(string text) => TextLines.Split(text) is { Length: > 0 } lines && lines[0] == "---";

    public ParseResult Parse(string text)
    {
        var lines = TextLines.Split(text);
        if (lines.Length == 0 || lines[0] != "---")
        {
            return ParseResult.NotReview("expected front matter starting with a \"---\" line", 1);
        }

        var end = Array.IndexOf(lines, "---", 1);
        if (end < 0)
        {
            return ParseResult.Fail("the front matter is not closed; expected a second \"---\" line", 1);
        }

        var fields = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < end; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var field = FrontMatterField().Match(lines[i]);
            if (!field.Success)
            {
                return ParseResult.Fail($"expected \"key: value\" in the front matter, found \"{lines[i]}\"", i + 1);
            }

            fields[field.Groups["key"].Value] = (Unquote(field.Groups["value"].Value.Trim()), i + 1);
        }

        if (!fields.TryGetValue("show", out var show) || show.Value.Length == 0)
        {
            return ParseResult.NotReview("this is not a review: the front matter has no \"show:\"", 1);
        }

        if (!fields.TryGetValue("season", out var seasonField)
            || !int.TryParse(seasonField.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var season) || season <= 0)
        {
            return ParseResult.Fail("expected \"season: <number>\" in the front matter", fields.TryGetValue("season", out var s) ? s.Line : 1);
        }

        Score? verdict = null;
        if (fields.TryGetValue("verdict", out var verdictField) && verdictField.Value.Length > 0)
        {
            var m = ScoreText().Match(verdictField.Value);
            verdict = m.Success ? Score.TryParse(m.Groups["score"].Value, m.Groups["scale"].Value) : null;
            if (verdict is null)
            {
                return ParseResult.Fail($"the verdict \"{verdictField.Value}\" is not a score; expected something like \"6/10\"", verdictField.Line);
            }
        }

        Uri? url = null;
        if (fields.TryGetValue("url", out var urlField) && urlField.Value.Length > 0
            && (!Uri.TryCreate(urlField.Value, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            return ParseResult.Fail($"the url \"{urlField.Value}\" is not an http(s) address", urlField.Line);
        }

        DateTimeOffset? published = null;
        if (fields.TryGetValue("published", out var publishedField) && publishedField.Value.Length > 0)
        {
            if (!DateTimeOffset.TryParse(publishedField.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p))
            {
                return ParseResult.Fail($"the date \"{publishedField.Value}\" is not a date; expected e.g. 2024-04-05", publishedField.Line);
            }

            published = p.ToUniversalTime();
        }

        var guide = Array.FindIndex(lines, end + 1, l => ReviewPatterns.EpisodeGuideHeading().IsMatch(l));
        if (guide < 0)
        {
            return ParseResult.Fail("expected an \"## Episode Guide\" heading followed by a list like \"- Episode 1: <title> – 3/5\"", end + 2);
        }

        var (episodes, next, error) = ReviewSections.ReadEpisodeGuide(lines, guide + 1);
        if (error is not null)
        {
            return error;
        }

        if (episodes.Count == 0)
        {
            return ParseResult.Fail("the episode guide lists no episodes; expected lines like \"- Episode 1: <title> – 3/5\"", Math.Min(next + 1, lines.Length));
        }

        // A "## Review" or "## Verdict" heading is structure, not prose.
        var (body, bodyVerdict, bodyError) = ReviewSections.ReadBody(lines, next, l => SectionHeading().IsMatch(l));
        if (bodyError is not null)
        {
            return bodyError;
        }

        var headline = fields.TryGetValue("headline", out var h) ? h.Value : "";
        var author = fields.TryGetValue("author", out var a) && a.Value.Length > 0 ? a.Value : null;
        return ParseResult.Ok(new Review(show.Value, season, headline, verdict ?? bodyVerdict, episodes, body, url, author, published));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\''))
            ? value[1..^1]
            : value;

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_\-]*)\s*:\s*(?<value>.*)$")]
    private static partial Regex FrontMatterField();

    [GeneratedRegex(@"^(?<score>\d+(?:[.,]\d+)?)\s*/\s*(?<scale>\d+(?:[.,]\d+)?)$")]
    private static partial Regex ScoreText();

    [GeneratedRegex(@"^#{1,6}\s*(?:Review|Verdict|Body)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionHeading();
}
