using System.Globalization;
using System.Text;
using ReviewBot.Core.Reviews;
using Xunit.Abstractions;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// Property-style checks over generated reviews, valid and hostile: the same review written as a
/// plain article and as Markdown gets the same verdict and the same values; neither parser throws;
/// and the parse work stays within <see cref="LinearParseTests.StepsPerCharacter"/> per character.
/// Every case comes from a seeded <see cref="Random"/>; a failure names its seed, and
/// REVIEWBOT_PARSE_SEED=&lt;seed&gt; replays just that one.
/// </summary>
public sealed class GeneratedReviewTests(ITestOutputHelper output)
{
    private const int Cases = 3_000;

    private static readonly string[] ShowWords =
    [
        "Gintama", "Gintama'", "Re:Zero", "Steins;Gate", "Frieren", "Mob", "Psycho", "100", "86", "–", "-", "|", ":", " - -",
        "Ōshi", "進撃の巨人", "Episode", "Review", "Score", "N/A", "3/5", "x", new string('y', 120), "٣", "３", "—", "Verdict",
    ];

    private static readonly string[] Seasons = ["1", "2", "01", "12", "0", "-1", "+1", "1.5", "99999999999", "2147483648", "1000", "1001", "٣", "３", "", "two"];

    private static readonly string[] Numbers = ["1", "2", "3", "13", "0", "-1", "−2", "10000", "10001", "99999999999", "٣", "３", "007"];

    private static readonly string[] Scores =
    [
        "3/5", "3.5/5", "3,5/5", "3.55/5", "3.555/5", "0/5", "5/5", "6/5", "-1/5", "3/-5", "3/0", "3/1000", "10/10", "11/10", "N/A", "n/a",
        "tbd", "?/5", "٣/٥", "99999999999/5", "3 / 5", "", "", "",
    ];

    private static readonly string[] EpisodeWords =
    [
        "Pilot", "The", "Perfect", "Score", "Review", "Fate/Zero", "Part", "1/2", "-", "–", "|", ":", "(", ")", "N/A", "x", " - - -", "Episode", "٣",
    ];

    private static readonly string[] Verdicts = ["6/10", "7.5/10", "10/10", "11/10", "-1/10", "6.125/10", "٦/١٠", "N/A", "great", "6 / 10", "", "0/10", "6/0"];

    private static readonly string[] Fragments =
    [
        " -", " –", "|", ":", "Season", "Season 1", "Episode", "Episode 1:", "Review Score", "Score", "Verdict", "/", "/5", "3", "٣", "-1", "N/A",
        "#", "**", "---", "(", ")", " ", "x", "Review", "•", "\u00A0", "99999999999",
    ];

    [Fact]
    public void Parse_SameGeneratedReviewInBothFormats_SameVerdictAndValues()
    {
        var accepted = 0;
        var refused = 0;
        foreach (var seed in Seeds())
        {
            var random = new Random(seed);
            var data = Generate(random);
            var plain = Parse(data.Plain(), seed);
            var markdown = Parse(data.Markdown(), seed);

            Assert.True(
                plain.Succeeded == markdown.Succeeded,
                $"seed {seed}: .txt {Describe(plain)} but .md {Describe(markdown)}\n--- .txt\n{data.Plain()}\n--- .md\n{data.Markdown()}");
            if (plain.Review is { } a && markdown.Review is { } b)
            {
                Assert.True(
                    (a.ShowTitle, a.Season, a.Headline, a.Verdict, a.Body) == (b.ShowTitle, b.Season, b.Headline, b.Verdict, b.Body)
                    && a.Episodes.SequenceEqual(b.Episodes),
                    $"seed {seed}: the formats read different values\n.txt: {a}\n.md: {b}");
                accepted++;
            }
            else
            {
                refused++;
                Assert.True(plain.Line is > 0 && markdown.Line is > 0, $"seed {seed}: a refusal without its line: {Describe(plain)} / {Describe(markdown)}");
            }
        }

        // The generator must reach both sides of every rule, or agreeing would prove little.
        output.WriteLine($"{accepted} accepted, {refused} refused by both formats");
        Assert.True(accepted + refused == 1 || (accepted > Cases / 10 && refused > Cases / 10), $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Parse_RandomLinesInBothFormats_OnlyParseResultsAndLinearWork()
    {
        foreach (var seed in Seeds())
        {
            var random = new Random(seed);
            var lines = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomLine(random)).ToList();
            var plain = string.Join('\n', lines.Prepend(random.Next(2) == 0 ? "Show Season 1 Review – H" : RandomLine(random)));
            var markdown = "---\nshow: Show\nseason: 1\n---\n" + string.Join('\n', lines);

            foreach (var text in new[] { plain, markdown, plain.Insert(random.Next(plain.Length), "\nEpisode Guide\n") })
            {
                Parse(text, seed);
            }
        }
    }

    private IEnumerable<int> Seeds()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("REVIEWBOT_PARSE_SEED"), CultureInfo.InvariantCulture, out var only))
        {
            output.WriteLine($"replaying seed {only}");
            return [only];
        }

        var first = 20_261_206;
        output.WriteLine($"seeds {first} to {first + Cases - 1}");
        return Enumerable.Range(first, Cases);
    }

    /// <summary>Parses through the public entry point (it must not throw) and again counting steps.</summary>
    private static ParseResult Parse(string text, int seed)
    {
        ParseResult result;
        try
        {
            result = new ReviewParser().Parse(text);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: the parser threw {e.GetType().Name}: {e.Message}\n{text}");
        }

        var steps = LinearParseTests.Steps(text);
        Assert.True(steps <= (long)LinearParseTests.StepsPerCharacter * Math.Max(text.Length, 16), $"seed {seed}: {steps} steps for {text.Length} characters");
        return result;
    }

    private static string Describe(ParseResult result) =>
        result.Succeeded ? "accepted it" : $"refused it (line {result.Line}: {result.Error})";

    /// <summary>Each value is ordinary most of the time and hostile now and then, so both verdicts are common.</summary>
    private static GeneratedReview Generate(Random random)
    {
        var show = Rarely(random) ? Words(random, ShowWords, random.Next(0, 4)) : Words(random, ["Frieren", "Mob", "Psycho", "Gintama'", "Re:Zero", "86"], random.Next(1, 3));
        var episodes = Enumerable.Range(0, random.Next(1, 5))
            .Select(i => (Number: Rarely(random) ? Pick(random, Numbers) : (i + 1).ToString(CultureInfo.InvariantCulture),
                Title: Words(random, EpisodeWords, random.Next(0, 4)), Score: Rarely(random) ? Pick(random, Scores) : Pick(random, ["3/5", "3.5/5", "", "N/A"])))
            .ToList();
        return new GeneratedReview(
            show, Rarely(random) ? Pick(random, Seasons) : Pick(random, ["1", "2", "3"]), Words(random, ShowWords, random.Next(0, 3)),
            episodes, Rarely(random) ? Pick(random, Verdicts) : Pick(random, ["6/10", "7.5/10", ""]));
    }

    private static bool Rarely(Random random) => random.Next(8) == 0;

    private static string Words(Random random, string[] pool, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Pick(random, pool)));

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static string RandomLine(Random random)
    {
        var builder = new StringBuilder();
        var parts = random.Next(1, 10);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(random.Next(8) == 0 ? ((char)random.Next(0x20, 0x3000)).ToString() : Pick(random, Fragments));
        }

        return builder.ToString();
    }

    /// <summary>One review's data, written out in either format.</summary>
    private sealed record GeneratedReview(string Show, string Season, string Headline, List<(string Number, string Title, string Score)> Episodes, string Verdict)
    {
        public string Plain() =>
            $"{Show} Season {Season} Review – {Headline}\n\nEpisode Guide\n{Guide("")}\n\nThe body. It was fine.\n\n"
            + (Verdict.Length == 0 ? "" : $"Verdict - {Verdict}\n");

        public string Markdown() =>
            $"---\nshow: {Show}\nseason: {Season}\nheadline: {Headline}\nverdict: {Verdict}\n---\n## Episode Guide\n{Guide("- ")}\n## Review\nThe body. It was fine.\n";

        private string Guide(string bullet) => string.Join('\n', Episodes.Select(e =>
            $"{bullet}Episode {e.Number}: {e.Title}" + (e.Score.Length == 0 ? "" : $" -| Review Score – {e.Score}")));
    }
}
