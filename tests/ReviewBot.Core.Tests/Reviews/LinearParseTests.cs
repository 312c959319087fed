using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

/// <summary>
/// Parsing work is linear in the input by construction: the scanners count every character they
/// read (<see cref="ParseSteps"/>), and what they do not read goes through patterns that cannot
/// backtrack. No clock is involved.
/// </summary>
public sealed class LinearParseTests
{
    /// <summary>Steps per input character the parser may take: a few passes per line, never one per pair of characters.</summary>
    internal const int StepsPerCharacter = 16;

    public static TheoryData<string, string> WorstShapes => new()
    {
        { "title line of separators", "Show{0}\nEpisode Guide\nEpisode 1: A – 3/5\n" },
        { "title line of separators before Season", "Show{0} Season\nEpisode Guide\nEpisode 1: A – 3/5\n" },
        { "title line of Season words", "Show{1}\nEpisode Guide\nEpisode 1: A – 3/5\n" },
        { "episode line of separators", "Show Season 1 Review – H\nEpisode Guide\nEpisode 1: A{0}\n" },
        { "episode line of separators before a score", "Show Season 1 Review – H\nEpisode Guide\nEpisode 1: A{0} 3/5\n" },
        { "episode line of score labels", "Show Season 1 Review – H\nEpisode Guide\nEpisode 1: A{2}\n" },
        { "episode line of slashes", "Show Season 1 Review – H\nEpisode Guide\nEpisode 1: A{3}\n" },
        { "verdict line of separators", "Show Season 1 Review – H\nEpisode Guide\nEpisode 1: A – 3/5\n\nVerdict{0}\n" },
        { "markdown episode line of separators", "---\nshow: Show\nseason: 1\n---\n## Episode Guide\n- Episode 1: A{0}\n" },
        { "markdown front matter of separators", "---\nshow: Show{0}\nseason: 1\n---\n## Episode Guide\n- Episode 1: A\n" },
        { "many short lines", "Show Season 1 Review – H\nEpisode Guide\n{4}" },
    };

    [Theory]
    [MemberData(nameof(WorstShapes))]
    public void Parse_WorstShapeAtGrowingSizes_StepsStayWithinAConstantTimesTheLength(string name, string shape)
    {
        foreach (var size in new[] { 1_024, 16_384, 262_144 })
        {
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape,
                Repeat(" -", size), Repeat(" Season", size), Repeat(" – Review Score", size), Repeat("/1", size), Repeat("Episode 1: x\n", size));

            var steps = Steps(text);

            Assert.True(steps <= (long)StepsPerCharacter * text.Length, $"{name}: {steps:N0} steps for {text.Length:N0} characters");
        }
    }

    [Fact]
    public void ParsingPatterns_AllRunWithoutBacktracking()
    {
        var patterns = typeof(ReviewParser).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ReviewParser).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0)
            .Select(m => (Name: $"{m.DeclaringType!.Name}.{m.Name}", Regex: (Regex)m.Invoke(null, null)!))
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.True(p.Regex.Options.HasFlag(RegexOptions.NonBacktracking), $"{p.Name} can backtrack"));
    }

    [Fact]
    public void EpisodeMentions_SentenceOverTheBound_IsNotQuoted()
    {
        var overlong = "Episode 9 is " + string.Concat(Enumerable.Repeat("very ", EpisodeMentions.MaxSentenceLength / 5)) + "good.";

        var found = EpisodeMentions.Find(overlong + " Episode 9 is short.", 9, 13);

        Assert.Equal(["Episode 9 is short."], found);
    }

    internal static long Steps(string text)
    {
        var steps = new ParseSteps();
        if (MarkdownReviewParser.LooksLikeMarkdown(text))
        {
            new MarkdownReviewParser().Parse(text, steps);
        }
        else
        {
            new PlainTextReviewParser().Parse(text, steps);
        }

        return steps.Count;
    }

    private static string Repeat(string unit, int characters)
    {
        var builder = new StringBuilder(characters + unit.Length);
        while (builder.Length < characters)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
