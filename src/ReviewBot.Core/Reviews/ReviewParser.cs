namespace ReviewBot.Core.Reviews;

/// <summary>Detects the format (Markdown front matter, else the plain article) and parses.</summary>
public sealed class ReviewParser(PlainTextReviewParser plainText, MarkdownReviewParser markdown)
{
    public ReviewParser()
        : this(new PlainTextReviewParser(), new MarkdownReviewParser())
    {
    }

    public ParseResult Parse(string text)
    {
        var result = MarkdownReviewParser.LooksLikeMarkdown(text) ? markdown.Parse(text) : plainText.Parse(text);

        // Text that is no review at all (a news post with a control character in its title) stays
        // "not a review", which a feed skips quietly; anything meant as a review is refused for it,
        // whatever else was wrong, so nothing quoting the character goes further.
        return !result.NotAReview && ReviewRules.UnreadableCharacter(text) is var (error, line) ? ParseResult.Fail(error, line) : result;
    }
}
