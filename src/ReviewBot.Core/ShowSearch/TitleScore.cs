using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// How well a typed name matches a show title, 0..1. This is the one definition of the score:
/// <see cref="ShowIndex"/> finds the best titles without scoring every one, through these functions,
/// and the tests' brute-force reference scores every title through the same functions.
/// </summary>
/// <remarks>
/// A title scores, in this order:
/// <list type="number">
/// <item><see cref="Exact"/> when the text names it exactly (<see cref="IsExact"/>);</item>
/// <item><see cref="Partial"/> when every typed word starts a word of the title ("rouge",
/// "met rou"): more of the title typed is better;</item>
/// <item>otherwise <see cref="Typo(double, double)"/>: each typed word against its closest title
/// word (the average), or the words run together against the title's run together (the whole),
/// whichever is closer ("metalic rouge").</item>
/// </list>
/// Words are the slug's parts (<see cref="Tokens"/>); closeness is <see cref="Similarity"/>. Only
/// scores of at least <see cref="SuggestionThreshold"/> are suggested.
/// </remarks>
public static class TitleScore
{
    /// <summary>The score of an exact match.</summary>
    public const double Exact = 1.0;

    /// <summary>The least score a title needs to be suggested.</summary>
    public const double SuggestionThreshold = 0.5;

    /// <summary>The most a typo score can be. Every partial title scores above it.</summary>
    public const double TypoCeiling = 0.75;

    /// <summary>What a partial title scores with nothing typed; typing all of it adds <see cref="PartialRange"/>.</summary>
    private const double PartialFloor = 0.8;

    private const double PartialRange = 0.15;

    /// <summary>
    /// The least similarity that can make a typo score reach <see cref="SuggestionThreshold"/> (2/3):
    /// a title none of whose words is this close to a typed word can only score through the whole text.
    /// </summary>
    public const double SimilarWordThreshold = SuggestionThreshold / TypoCeiling;

    /// <summary>True when the text names the show exactly: its slug, its title, or its title in any case or punctuation.</summary>
    public static bool IsExact(string query, ShowRecord show) => ExactTier(query, show) >= 0;

    /// <summary>
    /// How exactly the text names the show, strongest first: 0 its slug as typed, 1 its title
    /// (<see cref="ShowTitleKey"/>), 2 the same slug once the text is slugged; -1 not exactly.
    /// Shows whose titles differ only in punctuation share a plain slug, so the title decides
    /// between them before the slugged text does.
    /// </summary>
    public static int ExactTier(string query, ShowRecord show) =>
        string.Equals(query.Trim(), show.Slug, StringComparison.OrdinalIgnoreCase) ? 0
        : ShowTitleKey.From(query) == ShowTitleKey.From(show.Title) ? 1
        : Slug.From(query) == show.Slug ? 2
        : -1;

    /// <summary>The words of a text as the score sees them: its slug split at hyphens.</summary>
    public static string[] Tokens(string text) => WordsOfSlug(Slug.From(text));

    /// <summary>The words of a slug already made: its parts between hyphens.</summary>
    public static string[] WordsOfSlug(string slug) => slug.Split('-', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A partial title's score, from the typed words' and the title words' total lengths.</summary>
    public static double Partial(int typedLength, int titleLength)
    {
        var covered = (double)typedLength / titleLength;
        return PartialFloor + (PartialRange * Math.Min(1, covered));
    }

    /// <summary>A typo score from the words' average similarity and the whole text's similarity.</summary>
    public static double Typo(double wordAverage, double whole) => Typo(Math.Max(wordAverage, whole));

    /// <summary>The typo score of one similarity (also an upper bound from a bound on the similarity).</summary>
    public static double Typo(double similarity) => TypoCeiling * similarity;

    /// <summary>The least similarity whose <see cref="Typo(double)"/> score reaches <paramref name="score"/>.</summary>
    public static double SimilarityFor(double score) => score / TypoCeiling;

    /// <summary>1 less the edit distance per character of the longer text: 1 is equal, 0 nothing in common.</summary>
    public static double Similarity(int distance, int longerLength) => 1.0 - ((double)distance / longerLength);

    /// <summary>The most edits two texts, the longer of <paramref name="longerLength"/>, can differ by and stay at least <paramref name="similarity"/> similar.</summary>
    public static int MostEdits(int longerLength, double similarity)
    {
        // The product is only near the answer in floating point; the comparisons settle it exactly.
        var edits = Math.Clamp((int)(longerLength * (1 - similarity)), 0, longerLength);
        while (edits < longerLength && Similarity(edits + 1, longerLength) >= similarity)
        {
            edits++;
        }

        while (edits > 0 && Similarity(edits, longerLength) < similarity)
        {
            edits--;
        }

        return edits;
    }
}
