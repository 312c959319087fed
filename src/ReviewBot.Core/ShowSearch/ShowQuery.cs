using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.ShowSearch;

/// <summary>What was typed, prepared once per lookup: trimmed, keyed as a title, slugged and split into tokens.</summary>
public sealed class ShowQuery
{
    public ShowQuery(string text)
    {
        Trimmed = text.Trim();
        TitleKey = ShowTitleKey.From(text);
        Slug = Reviews.Slug.From(text);
        Tokens = TitleScore.WordsOfSlug(Slug);
        Concat = string.Concat(Tokens);
        TypedLength = Concat.Length;
    }

    public string Trimmed { get; }

    public string TitleKey { get; }

    public string Slug { get; }

    public string[] Tokens { get; }

    public string Concat { get; }

    public int TypedLength { get; }
}
