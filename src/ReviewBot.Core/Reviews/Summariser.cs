using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// Deterministic extractive summary: sentences scored by how many of the body's frequent content
/// words they carry (a classic Luhn-style frequency summary), with bonuses for the article's first
/// sentence and paragraph openers, a penalty for sentences that lean on the one before, and the
/// closing sentence (the judgement) always kept;
/// the best ones kept whole, in article order, at most 3 sentences and 600 characters.
/// Deterministic so the same file always stores the same summary (and the content hash holds).
/// </summary>
public sealed partial class Summariser
{
    public const int MaxSentences = 3;
    public const int MaxCharacters = 600;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there",
        "their", "they", "them", "he", "she", "his", "her", "we", "you", "your", "our", "i", "me", "my", "will",
        "would", "should", "could", "can", "may", "might", "not", "no", "so", "than", "then", "too", "very", "also",
        "some", "most", "more", "many", "much", "like", "just", "into", "about", "over", "such", "what", "which",
        "who", "whom", "when", "where", "while", "how", "all", "any", "both", "each", "few", "other", "only", "own",
        "same", "up", "down", "out", "has", "have", "had", "do", "does", "did", "one", "ll", "ve", "re", "s", "t",
    };

    /// <param name="subject">The show title: its words are in nearly every sentence, so they say nothing about importance.</param>
    public string Summarise(string body, string? subject = null)
    {
        var ignored = subject is null ? [] : Words(subject).ToHashSet(StringComparer.Ordinal);
        var sentences = new List<(string Text, int Index, bool Opens)>();
        var index = 0;
        foreach (var paragraph in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            // A paragraph's first sentence usually states its point.
            var opens = true;
            foreach (var sentence in Sentences.Split(paragraph))
            {
                sentences.Add((sentence, index++, opens));
                opens = false;
            }
        }

        if (sentences.Count == 0)
        {
            return "";
        }

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in sentences.SelectMany(s => Words(s.Text)).Where(w => !ignored.Contains(w)))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }

        var ranked = sentences
            .Where(s => s.Text.Length is >= 30 and <= MaxCharacters)
            .Select(s =>
            {
                var words = Words(s.Text).Where(w => !ignored.Contains(w)).ToList();
                var score = words.Count == 0 ? 0 : words.Sum(w => frequency[w] > 1 ? frequency[w] : 0) / Math.Sqrt(words.Count);
                // Reviews open with the premise and close with the judgement: weight the ends.
                var position = s.Index == 0 ? 1.5 : s.Opens ? 1.25 : 1.0;
                return (s.Text, s.Index, Score: score * position * (LeansOnContext(s.Text) ? 0.5 : 1.0));
            })
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Index);

        var chosen = new List<(string Text, int Index)>();
        var length = 0;

        // The closing sentence is the reviewer's judgement: always keep it when it stands alone.
        var last = sentences[^1];
        if (last.Text.Length is >= 30 and <= MaxCharacters && !LeansOnContext(last.Text))
        {
            chosen.Add((last.Text, last.Index));
            length = last.Text.Length;
        }

        foreach (var candidate in ranked)
        {
            if (chosen.Count == MaxSentences)
            {
                break;
            }

            if (chosen.Any(c => c.Index == candidate.Index))
            {
                continue;
            }

            var added = candidate.Text.Length + (chosen.Count == 0 ? 0 : 1);
            if (length + added > MaxCharacters)
            {
                continue;
            }

            chosen.Add((candidate.Text, candidate.Index));
            length += added;
        }

        return string.Join(" ", chosen.OrderBy(c => c.Index).Select(c => c.Text));
    }

    // "Moreover, ...", "This is ..." continue a thought the summary will not show; they read badly alone.
    private static bool LeansOnContext(string sentence) => ContextOpener().IsMatch(sentence);

    private static IEnumerable<string> Words(string sentence) =>
        Word().Matches(sentence.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w));

    [GeneratedRegex(@"^(?:Moreover|Also|Additionally|Furthermore|However|Yet|But|And|So|Likewise|Nevertheless|Still|For instance|For example|This|These|That|Those|Such|It|They|Unfortunately|Otherwise|Instead)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ContextOpener();

    [GeneratedRegex(@"\p{L}[\p{L}\d]*", RegexOptions.NonBacktracking)]
    private static partial Regex Word();
}
