using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

public sealed class TitleScoreTests
{
    [Fact]
    public void MostEdits_IsTheLargestDistanceStillThatSimilar()
    {
        foreach (var similarity in new[] { TitleScore.SimilarWordThreshold, 0.5, 0.9, 0.0, 1.0 })
        {
            for (var longer = 1; longer <= 300; longer++)
            {
                var edits = TitleScore.MostEdits(longer, similarity);

                Assert.True(TitleScore.Similarity(edits, longer) >= similarity, $"{edits} edits of {longer} at {similarity}");
                Assert.True(edits == longer || TitleScore.Similarity(edits + 1, longer) < similarity, $"{edits + 1} edits of {longer} at {similarity}");
            }
        }
    }

    [Fact]
    public void Tiers_ExactAbovePartialAboveTypo()
    {
        Assert.True(TitleScore.Partial(1, 100) > TitleScore.TypoCeiling);
        Assert.True(TitleScore.Exact > TitleScore.Partial(100, 1));
        Assert.Equal(TitleScore.SuggestionThreshold, TitleScore.Typo(TitleScore.SimilarWordThreshold), 12);
    }
}
