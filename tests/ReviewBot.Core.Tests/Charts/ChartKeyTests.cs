using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Charts;

/// <summary>Stored charts are found by their key, so a key never changes for the same scores.</summary>
public sealed class ChartKeyTests
{
    [Fact]
    public void Of_Scores_IsTheHashOfTheirText()
    {
        IReadOnlyList<EpisodeEntry> episodes = [new(10, "Ten", new Score(0.1, 10)), new(1, "One", new Score(3.5, 5)), new(2, "Two", null)];

        Assert.Equal("98a3953ffcb187bc04fddef57a693d1edde1830db13ac60f0b482ae897e1f55d", ChartKey.Of(episodes));
    }

    [Fact]
    public void Of_AnyScores_IsWhatTheKeysStoredSoFarWereMadeOf()
    {
        var random = new Random(11);
        double[] odd = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e20, 1.0 / 3, double.Epsilon, double.MaxValue, -2.5];
        for (var i = 0; i < 500; i++)
        {
            var episodes = Enumerable.Range(0, random.Next(0, 40))
                .Select(n => new EpisodeEntry(
                    random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : n,
                    "",
                    random.Next(5) switch
                    {
                        0 => null,
                        1 => new Score(odd[random.Next(odd.Length)], odd[random.Next(odd.Length)]),
                        _ => new Score(Math.Round(random.NextDouble() * 10, random.Next(0, 16)), random.Next(1, 11)),
                    }))
                .ToList();

            Assert.Equal(AsFirstMade(episodes), ChartKey.Of(episodes));
        }
    }

    /// <summary>The key as it was first computed: the scores' text built as a string, then hashed.</summary>
    private static string AsFirstMade(IReadOnlyList<EpisodeEntry> episodes)
    {
        var text = new StringBuilder("scores");
        foreach (var episode in ChartKey.InOrder(episodes))
        {
            text.Append('\n').Append(episode.Number.ToString(CultureInfo.InvariantCulture)).Append(':');
            if (episode.Score is { } score)
            {
                text.Append(score.Value.ToString("R", CultureInfo.InvariantCulture)).Append('/').Append(score.Scale.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append('-');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
