using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class EpisodeMentionsTests
{
    [Theory]
    [InlineData("The fight in episode nine is great.")]
    [InlineData("The fight in Episode 9 is great.")]
    [InlineData("The ninth episode has the fight.")]
    [InlineData("The 9th episode has the fight.")]
    [InlineData("Ep. 9 has the fight.")]
    [InlineData("Episodes 9 and 10 are the best.")]
    [InlineData("Episodes 3, 9 and 12 are the best.")]
    [InlineData("Episodes eight and nine are the best.")]
    public void Find_MentionOfNine_Found(string sentence)
    {
        Assert.Equal([sentence], EpisodeMentions.Find("Intro sentence here. " + sentence, 9, 13));
    }

    /// <summary>A mention is read as the sentence looks: an invisible format character inside or after "episode" hides nothing.</summary>
    [Theory]
    [InlineData("The fight in epi\u00ADsode 9 is great.")]
    [InlineData("The fight in Episode\u200B9 is great.")]
    [InlineData("The nin\u2060th episode has the fight.")]
    [InlineData("Episodes 8 and\u200E 9 are the best.")]
    public void Find_MentionWithAFormatCharacter_FoundAsWritten(string sentence)
    {
        Assert.Equal([sentence], EpisodeMentions.Find("Intro sentence here. " + sentence, 9, 13));
    }

    [Theory]
    [InlineData("The animation is consistent from episodes 1 to 13.")]
    [InlineData("Episode 19 is different.")]
    [InlineData("Nine characters appear.")]
    [InlineData("Episodes 5 to 9 drag.")]
    [InlineData("Episodes 19 and 20 are different.")]
    public void Find_OtherText_NotFound(string sentence)
    {
        Assert.Empty(EpisodeMentions.Find(sentence, 9, 13));
    }

    [Fact]
    public void Find_LastEpisode_IncludesFinale()
    {
        Assert.Single(EpisodeMentions.Find("The season finale rushes.", 13, 13));
        Assert.Empty(EpisodeMentions.Find("The season finale rushes.", 12, 13));
    }
}
