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

    [Theory]
    [InlineData("cafe\u0301cafe\u0301cafe\u0301", 10, "cafe\u0301caf…")] // a combining accent stays on its letter
    [InlineData("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA\U0001F1EC\U0001F1E7", 8, "\U0001F1EB\U0001F1F7…")] // flags stay pairs, not FR → F, DE shifted
    [InlineData("ok\U0001F44D\U0001F3FD\U0001F44D\U0001F3FD", 6, "ok…")] // a skin tone stays on its hand
    [InlineData("1\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E3", 5, "1\uFE0F\u20E3…")] // keycaps
    public void Shorten_OneLongWord_CutsBetweenWholeCharactersAsReadersSeeThem(string text, int maxLength, string expected) =>
        Assert.Equal(expected, TextShortener.Shorten(text, maxLength));

    [Fact]
    public void Shorten_OneCharacterLongerThanTheLimit_IsStillCutWithoutHalfASurrogatePair()
    {
        var zalgo = "a" + string.Concat(Enumerable.Repeat("\u0301", 50));

        var shortened = TextShortener.Shorten(zalgo, 10);

        Assert.Equal(zalgo[..9] + TextShortener.Ellipsis, shortened);
    }

    [Fact]
    public void Shorten_ToOneCharacter_IsTheEllipsis() => Assert.Equal(TextShortener.Ellipsis, TextShortener.Shorten("abc", 1));

    [Fact]
    public void Shorten_LongProse_BreaksAtAWord() =>
        Assert.Equal("the quick brown…", TextShortener.Shorten("the quick brown fox jumps", 18));
}
