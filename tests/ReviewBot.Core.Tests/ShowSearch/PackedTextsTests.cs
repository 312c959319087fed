using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

public sealed class PackedTextsTests
{
    /// <summary>ASCII, accents, a letter whose case folds differ by culture, CJK, an emoji (a surrogate pair), unpaired surrogates, empty and long texts.</summary>
    private static readonly string[] Texts =
    [
        "Metallic Rouge", "metallic rouge", "Émile & Co", "ÉMILE & CO", "émile & co", "Straße", "STRASSE", "ıstanbul", "İstanbul",
        "進撃の巨人", "Re:Zero 🎬", "", "lone \uD800 high", "lone \uDC00 low", "\uDFFF", new string('é', 300), new string('x', 1000) + "end",
        "ǅemal", "Ǆemal", "ǆemal", "Ωmega", "ωmega", "a\u0301", "á",
    ];

    [Fact]
    public void EveryText_ComesBackAsItWas()
    {
        var packed = new PackedTexts(Texts.Length, i => Texts[i]);

        Assert.Equal(Texts.Length, packed.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(Texts[i], packed[i], StringComparer.Ordinal);
        }
    }

    [Theory]
    [InlineData(StringComparison.Ordinal)]
    [InlineData(StringComparison.OrdinalIgnoreCase)]
    public void Comparisons_AreThoseOfTheStrings(StringComparison comparison)
    {
        var packed = new PackedTexts(Texts.Length, i => Texts[i]);
        var others = Texts.Concat(["metal", "MET", "é", "É", "ı", "I", "i", "進", "Re:", "lone \uD800", "lone", "\uD800", "x"]).ToArray();

        for (var i = 0; i < Texts.Length; i++)
        {
            foreach (var other in others)
            {
                Assert.Equal(Math.Sign(string.Compare(Texts[i], other, comparison)), Math.Sign(packed.Compare(i, other, comparison)));
                Assert.Equal(string.Equals(Texts[i], other, comparison), packed.TextEquals(i, other, comparison));
                Assert.Equal(Texts[i].StartsWith(other, comparison), packed.StartsWith(i, other, comparison));
            }
        }
    }

    [Fact]
    public void NoTexts_IsEmpty()
    {
        Assert.Equal(0, new PackedTexts(0, _ => throw new InvalidOperationException()).Count);
    }
}
