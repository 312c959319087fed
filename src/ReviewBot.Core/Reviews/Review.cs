using System.Globalization;

namespace ReviewBot.Core.Reviews;

/// <summary>A score out of a scale: a verdict (6/10) or an episode score (3.5/5).</summary>
public sealed record Score(double Value, double Scale) : ISpanFormattable
{
    /// <summary>"6/10", "3.5/5": each side to two decimals at most, invariant.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:0.##}/{Scale:0.##}");

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The same text written into <paramref name="destination"/>, so a builder or an interpolation appends it without a string of its own.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Value:0.##}/{Scale:0.##}", out charsWritten);

    /// <summary>Parses "6/10", "3.5 / 5" or "3,5/5" by the rules import applies (<see cref="ReviewRules.TryScore"/>); null when the text is not a score.</summary>
    public static Score? TryParse(string value, string scale) =>
        ReviewRules.TryScore(value.Trim(), scale.Trim(), out var score, out _) ? score : null;
}

/// <param name="Title">Trimmed; empty when the guide gives only a number.</param>
/// <param name="Score">Null when the guide gives no score for this episode.</param>
public sealed record EpisodeEntry(int Number, string Title, Score? Score);

/// <summary>A parsed review article, before it is stored.</summary>
/// <param name="Body">The article text without the title block, episode guide, verdict line and site boilerplate; paragraphs separated by blank lines.</param>
public sealed record Review(
    string ShowTitle,
    int Season,
    string Headline,
    Score? Verdict,
    IReadOnlyList<EpisodeEntry> Episodes,
    string Body,
    Uri? SourceUrl = null,
    string? Author = null,
    DateTimeOffset? Published = null)
{
    /// <summary>The article's title as a site would print it, with the show's title as this text spells it.</summary>
    public string Title => TitleOf(ShowTitle, Season, Headline);

    /// <summary>
    /// A review's title under <paramref name="showTitle"/>. What is stored and shown is built from the
    /// stored show's title, not from the spelling of the file: a show is matched by its key, which leaves
    /// out case, spacing and format characters, so "METALLIC ROUGE" or "Metallic Rou\u200Bge" is the
    /// show "Metallic Rouge", and every answer (/review, /latest, an announcement's footer) names it so.
    /// </summary>
    public static string TitleOf(string showTitle, int season, string headline) => headline.Length == 0
        ? $"{showTitle} Season {season} Review"
        : $"{showTitle} Season {season} Review – {headline}";
}
