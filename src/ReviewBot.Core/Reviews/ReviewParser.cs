namespace ReviewBot.Core.Reviews;

/// <summary>Detects the format (Markdown front matter, else the plain article) and parses.</summary>
public sealed class ReviewParser(PlainTextReviewParser plainText, MarkdownReviewParser markdown)
{
    public ReviewParser()
        : this(new PlainTextReviewParser(), new MarkdownReviewParser())
    {
    }

    public ParseResult Parse(string text) =>
        MarkdownReviewParser.LooksLikeMarkdown(text) ? markdown.Parse(text) : plainText.Parse(text);
}
