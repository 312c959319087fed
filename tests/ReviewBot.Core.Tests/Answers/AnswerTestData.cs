namespace ReviewBot.Core.Tests.Answers;

/// <summary>Small reviews for answer tests, in the plain article format.</summary>
internal static class AnswerTestData
{
    public static string Review(string show, int season, int episodes, string verdict = "7/10", string body = "It was a fine season of television.") =>
        $"{show} Season {season} Review – Headline for {show} {season}\n\nEpisode Guide\n"
        + string.Concat(Enumerable.Range(1, episodes).Select(n => $"Episode {n}: Part {n} – 3/5\n"))
        + $"\n{body}\n\nVerdict - {verdict}\n";
}
