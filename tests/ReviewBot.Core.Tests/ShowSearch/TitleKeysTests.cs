using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

/// <summary>The title key written into a span must be <see cref="ShowTitleKey.From"/>'s whenever it is written at all.</summary>
public sealed class TitleKeysTests
{
    private static readonly string[] Texts =
    [
        "Metallic Rouge", "  METALLIC   rouge  ", "Frieren: Beyond Journey’s End", "FRIEREN: beyond journey's end", "Re:Zero",
        "Gintama'", "Gintama`", "a\tb\nc\rd\u000Be\u000Cf", "\u00A0Oshi\u2007no\u202FKo\u00A0", "“Quoted” — dashed – text",
        "Émile & Co", "Straße", "ıstanbul", "İstanbul", "進撃の巨人", "Ｆｕｌｌ Ｗｉｄｔｈ", "ﬁre", "Ⅻ", "a\u0301", "", " ", "\u2028\u2029",
        "x\u001Cy\u001Dz\u001E\u001F", "\u0085next line", "lone \uD83C",
        "Fri\u200Beren", "Fri\u00ADeren", "\uFEFFFrieren\u2060", "\u202EFrieren\u202C", "Frieren\U000E0001\U000E0066\U000E007F", "Poke\u200D\u0301mon",
        "\U0001D173beam\U0001D17A", new string('a', 300), string.Concat(Enumerable.Repeat("ab ", 100)),
    ];

    [Fact]
    public void EveryCharacter_KeyedAsShowTitleKeyKeysIt()
    {
        Span<char> buffer = stackalloc char[16];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = "A" + (char)c + " B";
            if (Key(text) is not { } expected)
            {
                continue; // not text ShowTitleKey can normalise (a lone surrogate, a noncharacter); surrogate pairs are among Texts
            }

            if (TitleKeys.TryWrite(text, buffer, out var written))
            {
                Assert.Equal(expected, buffer[..written].ToString());
            }
            else
            {
                Assert.False(Ascii(expected) && Ascii(text), $"U+{c:X4}: plain ASCII, not written");
            }

            Assert.True(TitleKeys.HasKey(text, expected), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Texts_KeyedAsShowTitleKeyKeysThem()
    {
        var buffer = new char[TitleKeys.StackLimit];
        foreach (var text in Texts)
        {
            var expected = Key(text);
            if (TitleKeys.TryWrite(text, buffer, out var written))
            {
                Assert.Equal(expected, new string(buffer, 0, written));
            }

            if (expected is not null)
            {
                Assert.True(TitleKeys.HasKey(text, expected), text);
                Assert.False(TitleKeys.HasKey(text, expected + "x"), text);
            }
        }
    }

    [Fact]
    public void TooSmallADestination_WritesNothingUsable()
    {
        Assert.False(TitleKeys.TryWrite("Metallic Rouge", new char[13], out _));
        Assert.True(TitleKeys.TryWrite("Metallic Rouge", new char[14], out var written));
        Assert.Equal(14, written);
    }

    private static bool Ascii(string text) => System.Text.Ascii.IsValid(text);

    /// <summary>ShowTitleKey's key, or null for a text it cannot key (an unpaired surrogate).</summary>
    private static string? Key(string text)
    {
        try
        {
            return ShowTitleKey.From(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
