using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// Finds the sentences of a review that talk about one episode: "episode 9", "episode nine",
/// "the ninth episode", "ep. 9", "9th episode", "episodes 9 and 10", and for the first and last
/// episodes "premiere" and "finale". A range such as "episodes 1 to 13" is about the whole run,
/// not one episode.
/// </summary>
public static class EpisodeMentions
{
    private static readonly string[] Words =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "twenty-one", "twenty-two", "twenty-three", "twenty-four", "twenty-five", "twenty-six",
    ];

    private static readonly string[] Ordinals =
    [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth",
        "twenty-sixth",
    ];

    // The pattern depends only on the number and whether it is the last episode, so it is built once
    // per such pair: constructing it (parse + interpreter code for a long case-insensitive alternation)
    // cost more than matching it on every /episode. Numbers past any real guide are not cached.
    private const int MaxCachedNumber = 1_000;

    private static readonly ConcurrentDictionary<(int Number, bool IsLast), Regex> Patterns = new();

    /// <summary>
    /// Longer "sentences" are not quoted (an answer shows a sentence whole, and Discord fields end at
    /// 1,024 characters). The bound also keeps this pattern, which needs a lookahead the
    /// non-backtracking engine lacks, working on short texts only, so a body costs its length.
    /// </summary>
    public const int MaxSentenceLength = 1_000;

    public static IReadOnlyList<string> Find(string body, int number, int lastEpisode)
    {
        var pattern = number is >= 0 and <= MaxCachedNumber
            ? Patterns.GetOrAdd((number, number == lastEpisode), key => Build(key.Number, key.IsLast))
            : Build(number, number == lastEpisode);
        // Matched where they are in the body: only the few sentences quoted become strings of their own.
        var found = new List<string>();
        // Most bodies hold no format character at all: one look at the whole spares a look per sentence.
        var plainBody = FormatCharacters.IndexOfFirst(body) < 0;
        foreach (var (start, length) in Sentences.Ranges(body))
        {
            // Read as the sentence looks, as the guide is: "epi\u00ADsode 9" with a soft hyphen is a mention.
            var sentence = body.AsSpan(start, length);
            if (length <= MaxSentenceLength
                && pattern.IsMatch(plainBody || FormatCharacters.IndexOfFirst(sentence) < 0 ? sentence : FormatCharacters.Strip(sentence.ToString()).AsSpan()))
            {
                found.Add(body.Substring(start, length));
            }
        }

        return found;
    }

    private static Regex Build(int number, bool isLast)
    {
        var cardinals = new List<string> { number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var ordinals = new List<string> { number + Suffix(number) };
        if (number < Words.Length)
        {
            cardinals.Add(Regex.Escape(Words[number]));
            ordinals.Add(Regex.Escape(Ordinals[number]));
        }

        var cardinal = string.Join("|", cardinals);
        var ordinal = string.Join("|", ordinals);
        const string listSeparator = @"\s*(?:,|and|&)\s*";
        var anyNumber = @"(?:\d+|" + string.Join("|", Words.Select(Regex.Escape)) + ")";
        var parts = new List<string>
        {
            // "episode nine", "ep. 9", "episode #9" — but not a range such as "episode 9 to 13".
            $@"\b(?:episode|ep\.?)\s*#?(?:{cardinal})\b(?!\s*(?:to|through|-|–|—)\s*\d)",
            // A list: "episodes 9 and 10", "episodes 3, 9 and 12" — but not "episodes 1 to 13".
            $@"\bepisodes\s+(?:{anyNumber}{listSeparator})+(?:{cardinal})\b",
            $@"\bepisodes\s+(?:{cardinal}){listSeparator}{anyNumber}\b",
            $@"\b(?:{ordinal})\s+(?:episode|ep\b|instal?lment|entry)",
        };
        if (number == 1)
        {
            parts.Add(@"\bpremiere\b");
        }

        if (isLast)
        {
            parts.Add(@"\bfinale\b");
        }

        return new Regex(string.Join("|", parts), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    private static string Suffix(int n) => (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
    {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
}
