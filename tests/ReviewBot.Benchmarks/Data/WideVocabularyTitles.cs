namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// Deterministic titles with a real store's spread of words: tens of thousands of distinct
/// romanised words (few shared, a handful very common like "no", "the", "season"), 1 to 6 words
/// each. <see cref="ShowTitles"/> has only ~140 distinct words, which flatters anything that
/// caches or precomputes per word; these do not.
/// </summary>
public static class WideVocabularyTitles
{
    private static readonly string[] Syllables =
    [
        "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te", "to", "na", "ni", "nu",
        "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu", "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru",
        "re", "ro", "wa", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu", "ze", "zo", "da", "de", "do", "ba",
        "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "kyo", "sho", "ryu", "jou", "tou",
    ];

    private static readonly string[] Common = ["no", "the", "of", "season", "2", "wa", "ni", "to", "and", "a", "movie", "ga"];

    /// <summary><paramref name="count"/> distinct titles (seeded, so every run sees the same store).</summary>
    public static IReadOnlyList<string> Create(int count, int vocabularySize = 40_000, int seed = 20261124)
    {
        var random = new Random(seed);
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        var words = new List<string>(vocabularySize);
        while (words.Count < vocabularySize)
        {
            var length = 1 + random.Next(5);
            var word = string.Concat(Enumerable.Range(0, length).Select(_ => Syllables[random.Next(Syllables.Length)]));
            if (word.Length >= 2 && vocabulary.Add(word))
            {
                words.Add(word);
            }
        }

        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var parts = new string[1 + random.Next(6)];
            for (var i = 0; i < parts.Length; i++)
            {
                // Roughly Zipf: a few words in many titles, most in one or two.
                parts[i] = random.Next(6) == 0
                    ? Common[random.Next(Common.Length)]
                    : words[(int)(vocabularySize * Math.Pow(random.NextDouble(), 2.5))];
            }

            parts[0] = char.ToUpperInvariant(parts[0][0]) + parts[0][1..];
            var title = string.Join(' ', parts);
            if (titles.Add(title))
            {
                result.Add(title);
            }
        }

        return result;
    }
}
