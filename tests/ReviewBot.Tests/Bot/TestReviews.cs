using System.Text;

namespace ReviewBot.Tests.Bot;

/// <summary>Review texts in the sample's plain-text format, for shows the tests need.</summary>
internal static class TestReviews
{
    public static string Plain(string show, int season, int episodes, string headline = "A test review", string verdict = "7/10", Func<int, string>? title = null)
    {
        var text = new StringBuilder();
        text.AppendLine($"{show} Season {season} Review – {headline}").AppendLine();
        text.AppendLine($"Season {season}").AppendLine().AppendLine("Episode Guide").AppendLine();
        for (var n = 1; n <= episodes; n++)
        {
            text.AppendLine($"Episode {n}: {(title ?? (i => $"Chapter {i}"))(n)} -| Review Score – {(n % 2 == 0 ? "4" : "3.5")}/5");
        }

        text.AppendLine().AppendLine($"{show} is a show the tests made up. Episode nine is where it gets going, and the finale lands well.").AppendLine();
        text.AppendLine("The animation is consistent and the music carries the quieter scenes with care and patience.").AppendLine();
        text.AppendLine($"  • Verdict - {verdict}");
        return text.ToString();
    }
}
