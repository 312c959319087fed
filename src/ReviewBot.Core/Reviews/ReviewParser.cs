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
        if (ReviewRules.UnreadableCharacter(text) is var (error, line))
        {
            return ParseResult.Fail(error, line);
        }

        return MarkdownReviewParser.LooksLikeMarkdown(text) ? markdown.Parse(text) : plainText.Parse(text);
    }
}
