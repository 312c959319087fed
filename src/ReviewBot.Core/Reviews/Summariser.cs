using System.Text.RegularExpressions;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// Deterministic extractive summary: sentences scored by how many of the body's frequent content
/// words they carry (a classic Luhn-style frequency summary), with a bonus for opening a paragraph;
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

    public string Summarise(string body)
    {
        var sentences = new List<(string Text, int Index, bool Opens)>();
        var index = 0;
        foreach (var paragraph in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
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
        foreach (var word in sentences.SelectMany(s => Words(s.Text)))
        {
            frequency[word] = frequency.GetValueOrDefault(word) + 1;
        }

        var ranked = sentences
            .Where(s => s.Text.Length is >= 30 and <= MaxCharacters)
            .Select(s =>
            {
                var words = Words(s.Text).ToList();
                var score = words.Count == 0 ? 0 : words.Sum(w => frequency[w] > 1 ? frequency[w] : 0) / Math.Sqrt(words.Count);
                return (s.Text, s.Index, Score: score * (s.Opens ? 1.25 : 1.0));
            })
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Index);

        var chosen = new List<(string Text, int Index)>();
        var length = 0;
        foreach (var candidate in ranked)
        {
            var added = candidate.Text.Length + (chosen.Count == 0 ? 0 : 1);
            if (length + added > MaxCharacters)
            {
                continue;
            }

            chosen.Add((candidate.Text, candidate.Index));
            length += added;
            if (chosen.Count == MaxSentences)
            {
                break;
            }
        }

        return string.Join(" ", chosen.OrderBy(c => c.Index).Select(c => c.Text));
    }

    private static IEnumerable<string> Words(string sentence) =>
        Word().Matches(sentence.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w));

    [GeneratedRegex(@"\p{L}[\p{L}\d]*")]
    private static partial Regex Word();
}
