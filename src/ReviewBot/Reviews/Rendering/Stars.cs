using System.Globalization;
using System.Text;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Reviews.Rendering;

/// <summary>Scores people read at a glance: "3.5/5 ★★★½☆" and verdict colours.</summary>
public static class Stars
{
    private const int Count = 5;

    /// <summary>
    /// Five stars for any scale, rounded to the nearest half. "½" rather than "⯪": the half-filled
    /// star is missing from many phone fonts and would show as an empty box.
    /// </summary>
    public static string Row(Score score) => AppendRow(new StringBuilder(Count), score).ToString();

    /// <summary>"3.5/5 ★★★½☆".</summary>
    public static string WithNumber(Score score) => AppendWithNumber(new StringBuilder(), score).ToString();

    /// <summary>Appends what <see cref="WithNumber"/> returns, without a string of its own.</summary>
    public static StringBuilder AppendWithNumber(StringBuilder builder, Score score) =>
        AppendRow(builder.Append(CultureInfo.InvariantCulture, $"{score} "), score);

    /// <summary>Green for a recommendation, gold for mixed, orange and red below; blurple-grey without a verdict.</summary>
    public static int Color(Score? verdict)
    {
        if (verdict is null || verdict.Scale <= 0)
        {
            return 0x99AAB5;
        }

        var ratio = verdict.Value / verdict.Scale;
        return ratio switch
        {
            >= 0.8 => 0x2ECC71,
            >= 0.6 => 0xF1C40F,
            >= 0.4 => 0xE67E22,
            _ => 0xE74C3C,
        };
    }

    private static StringBuilder AppendRow(StringBuilder builder, Score score)
    {
        var (full, half) = FullAndHalf(score);
        builder.Append('★', full);
        if (half == 1)
        {
            builder.Append('½');
        }

        return builder.Append('☆', Count - full - half);
    }

    private static (int Full, int Half) FullAndHalf(Score score)
    {
        var halves = score.Scale <= 0 ? 0 : (int)Math.Round(Math.Clamp(score.Value / score.Scale, 0, 1) * Count * 2, MidpointRounding.AwayFromZero);
        return (halves / 2, halves % 2);
    }
}
