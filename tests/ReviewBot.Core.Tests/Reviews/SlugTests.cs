using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Metallic Rouge", "metallic-rouge")]
    [InlineData("  Metallic   Rouge!! ", "metallic-rouge")]
    [InlineData("Pokémon: Horizons", "pokemon-horizons")]
    [InlineData("Ōshi no Ko", "oshi-no-ko")]
    [InlineData("Mob Psycho 100 III", "mob-psycho-100-iii")]
    [InlineData("Straße & Æther", "strasse-aether")]
    [InlineData("86: Eighty-Six", "86-eighty-six")]
    public void From_LatinTitle_LowercaseHyphenated(string title, string expected)
    {
        Assert.Equal(expected, Slug.From(title));
    }

    [Fact]
    public void From_TitleWithoutLatinLetters_GetsStableHashedSlug()
    {
        var slug = Slug.From("進撃の巨人");

        Assert.Matches("^show-[0-9a-f]{6}$", slug);
        Assert.Equal(slug, Slug.From("進撃の巨人"));
        Assert.NotEqual(slug, Slug.From("鬼滅の刃"));
    }

    [Fact]
    public void From_PartlyLatinTitles_StayDistinct()
    {
        Assert.NotEqual(Slug.From("Re:ゼロ"), Slug.From("Re:キャンプ"));
        Assert.StartsWith("re-", Slug.From("Re:ゼロ"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fri\u200Beren", "Frieren")]
    [InlineData("Spy\u00AD\u00ADFamily", "SpyFamily")]
    [InlineData("\u202EMob Psycho\u202C", "Mob Psycho")]
    [InlineData("Frieren\U000E0041", "Frieren")]
    [InlineData("進撃の\u200B巨人", "進撃の巨人")]
    public void From_TitleWithInvisibleFormatCharacters_IsTheSlugOfTheTitleWithout(string title, string without)
    {
        Assert.Equal(Slug.From(without), Slug.From(title));
    }
}
