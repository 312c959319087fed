using ReviewBot.Discord.Interactions;

namespace ReviewBot.Discord.Tests.Interactions;

public sealed class EmbedBuilderTests
{
    private static string Words(int length) => string.Concat(Enumerable.Repeat("lorem ipsum ", (length / 12) + 1))[..length];

    [Fact]
    public void Build_SixtyLongFields_KeepsAtMost25AndStaysWithin6000()
    {
        var builder = new EmbedBuilder().WithTitle("Episodes").WithDescription(Words(3000));
        for (var i = 0; i < 60; i++)
        {
            builder.AddField($"Episode {i + 1} " + Words(300), Words(2000));
        }

        var embed = builder.Build();

        Assert.True(embed.Fields!.Count <= DiscordLimits.EmbedFields);
        Assert.All(embed.Fields, f => Assert.True(f.Name.Length <= 256 && f.Value.Length <= 1024));
        Assert.True(EmbedBuilder.CountCharacters(embed) <= DiscordLimits.EmbedTotalCharacters);
        Assert.True(builder.DroppedFields >= 35);
    }

    [Fact]
    public void Build_FieldsPastTheTotal_EndsInAFieldSayingHowManyAreLeftOutWithTheHint()
    {
        var builder = new EmbedBuilder().WithTitle("Search: words").WithDroppedFieldsHint("Add words to the search to narrow it.");
        for (var i = 0; i < 6; i++)
        {
            builder.AddField($"Result {i + 1} " + Words(240), Words(1024));
        }

        var embed = builder.Build();

        Assert.True(EmbedBuilder.CountCharacters(embed) <= DiscordLimits.EmbedTotalCharacters);
        var note = embed.Fields![^1];
        Assert.Equal($"…and {builder.DroppedFields} more", note.Name);
        Assert.Equal("Add words to the search to narrow it.", note.Value);
        Assert.Equal(6, embed.Fields.Count - 1 + builder.DroppedFields);
    }

    [Fact]
    public void Build_MoreThan25Fields_KeepsTheLastPlaceForTheCountOfTheRest()
    {
        var builder = new EmbedBuilder();
        for (var i = 0; i < 30; i++)
        {
            builder.AddField($"Field {i + 1}", "x");
        }

        var embed = builder.Build();

        Assert.Equal(DiscordLimits.EmbedFields, embed.Fields!.Count);
        Assert.Equal("…and 6 more", embed.Fields[^1].Name);
        Assert.Equal("Field 24", embed.Fields[^2].Name);
    }

    [Fact]
    public void WithTitle_300Characters_ShortensAtAWordWithEllipsis()
    {
        var embed = new EmbedBuilder().WithTitle(Words(300)).Build();

        Assert.True(embed.Title!.Length <= DiscordLimits.EmbedTitle);
        Assert.EndsWith("…", embed.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(" …", embed.Title, StringComparison.Ordinal);
        Assert.True(embed.Title[..^1].EndsWith("lorem", StringComparison.Ordinal) || embed.Title[..^1].EndsWith("ipsum", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5000, DiscordLimits.EmbedDescription)]
    [InlineData(3000, DiscordLimits.EmbedFooterText)]
    [InlineData(400, DiscordLimits.EmbedAuthorName)]
    public void Texts_OverTheirLimit_AreShortened(int length, int limit)
    {
        var text = limit switch
        {
            DiscordLimits.EmbedDescription => new EmbedBuilder().WithDescription(Words(length)).Build().Description!,
            DiscordLimits.EmbedFooterText => new EmbedBuilder().WithFooter(Words(length)).Build().Footer!.Text,
            _ => new EmbedBuilder().WithAuthor(Words(length)).Build().Author!.Name,
        };
        Assert.InRange(text.Length, limit - 20, limit);
    }

    [Fact]
    public void Build_DescriptionFooterAndAuthorAllFull_ShortensTheDescriptionToFit6000()
    {
        var embed = new EmbedBuilder().WithDescription(Words(5000)).WithFooter(Words(3000)).WithAuthor(Words(400)).Build();

        Assert.True(EmbedBuilder.CountCharacters(embed) <= DiscordLimits.EmbedTotalCharacters);
        Assert.EndsWith("…", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TextsWithinLimits_AreKeptAsIs()
    {
        var embed = new EmbedBuilder().WithTitle("  Metallic Rouge  ").WithDescription("Season 1").AddField("Verdict", "Good", inline: true).Build();

        Assert.Equal("Metallic Rouge", embed.Title);
        Assert.Equal("Season 1", embed.Description);
        Assert.True(embed.Fields![0].Inline);
    }

    [Fact]
    public void AddField_BlankNameOrValue_UsesAZeroWidthSpaceDiscordAccepts()
    {
        var field = new EmbedBuilder().AddField("", " ").Build().Fields![0];

        Assert.Equal("\u200b", field.Name);
        Assert.Equal("\u200b", field.Value);
    }

    [Fact]
    public void Shorten_OneLongWord_CutsInsideItWithoutSplittingAnEmoji()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 100));

        var shortened = TextShortener.Shorten(text, 51);

        Assert.True(shortened.Length <= 51);
        Assert.False(char.IsHighSurrogate(shortened[^2]));
    }
}
