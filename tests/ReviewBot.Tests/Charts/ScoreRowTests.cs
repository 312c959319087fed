using ReviewBot.Charts;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Tests.Charts;

public sealed class ScoreRowTests
{
    [Fact]
    public void Of_ScoresWithTwoDecimals_ShowsThemAsTheGuideDoes()
    {
        // Import keeps two decimals (3.75/5); a row of one decimal showed 3.8 where the guide says 3.75.
        var row = ScoreRow.Of([Episode(1, 3, 5), Episode(2, 3.75, 5), Episode(3, null, 5), Episode(4, 2.25, 5)]);

        Assert.Equal("`3 3.75 – 2.25` /5 · average 3.0", row);
    }

    [Fact]
    public void Of_AnEpisodeOnAnotherScale_NamesItsOwnScale()
    {
        // The row states one scale after its scores: an 8/10 among fives read as 8 out of 5.
        var row = ScoreRow.Of([Episode(1, 3, 5), Episode(2, 4, 5), Episode(3, 8, 10)]);

        Assert.Equal("`3 4 8/10` /5 · average 3.5", row);
    }

    private static EpisodeEntry Episode(int number, double? score, double scale) => new(number, "", score is { } s ? new Score(s, scale) : null);
}
