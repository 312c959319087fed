using ReviewBot.Shared;

namespace ReviewBot.Core.Tests.Shared;

public sealed class TextShortenerTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Shorten_CutFallsInsideASurrogatePair_KeepsThePairWholeOrDropsIt(int maxLength)
    {
        var shortened = TextShortener.Shorten("abc\U0001F600\U0001F600def", maxLength);

        Assert.InRange(shortened.Length, 1, maxLength);
        Assert.EndsWith(TextShortener.Ellipsis, shortened, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(shortened[^2]), shortened);
    }

    [Fact]
    public void Shorten_ToOneCharacter_IsTheEllipsis() => Assert.Equal(TextShortener.Ellipsis, TextShortener.Shorten("abc", 1));

    [Fact]
    public void Shorten_LongProse_BreaksAtAWord() =>
        Assert.Equal("the quick brown…", TextShortener.Shorten("the quick brown fox jumps", 18));
}
