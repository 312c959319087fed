using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Import;

public sealed class RefusalTextTests
{
    [Theory]
    [InlineData("Metallic Rouge", "Metallic Rouge")]
    [InlineData("Metallic\u200BRouge", "Metallic<U+200B>Rouge")]
    [InlineData("\u00ADa\u2060b\u200E", "<U+00AD>a<U+2060>b<U+200E>")]
    [InlineData("a\tb\nc\u2028d", "a<U+0009>b<U+000A>c<U+2028>d")]
    [InlineData("flag \U0001F3F4\U000E0067\U000E007F", "flag \U0001F3F4<U+E0067><U+E007F>")]
    [InlineData("emoji \U0001F600 stays", "emoji \U0001F600 stays")]
    public void Visible_ShowsEveryCharacterAReaderCannotSeeByItsCodePoint(string text, string shown)
    {
        Assert.Equal(shown, RefusalText.Visible(text));
    }

    /// <summary>Built here: a lone surrogate does not survive an attribute's metadata.</summary>
    [Fact]
    public void Visible_HalfASurrogatePair_ShowsItsCodeUnit()
    {
        Assert.Equal("half <U+D800> pair", RefusalText.Visible("half " + (char)0xD800 + " pair"));
    }
}
